export { startEmbeddedBroker, listenNet, PortInUseError, type EmbeddedBroker, type BrokerAuth } from './broker.js';
export { connectMqtt, redact, type MqttConnection } from './client.js';
