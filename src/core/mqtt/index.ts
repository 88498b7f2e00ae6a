export { startEmbeddedBroker, listenNet, PortInUseError, type EmbeddedBroker, type BrokerAuth } from './broker.js';
export { connectMqtt, redact, type MqttConnection } from './client.js';
export { MqttConsumer, type ConsumerOptions, type ConsumedMessage } from './consumer.js';
