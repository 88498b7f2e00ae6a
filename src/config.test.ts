import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from './config.js';

describe('configuration', () => {
  it('has embedded defaults', () => {
    const c = loadConfig({}, '/srv/jiedao');
    expect(c).toMatchObject({ port: 3000, portExplicit: false, mqttPort: 1883, mqttPortExplicit: false, dataDir: '/srv/jiedao/data', tenant: 'shimen2', demo: true });
    expect(c.databaseUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /PORT: must be a whole number/],
    ['PORT', '70000', /PORT: must be between 0 and 65535/],
    ['MQTT_PORT', '-1', /MQTT_PORT/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL: must start with postgres:/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL: is not a valid URL/],
    ['MQTT_URL', 'http://broker', /MQTT_URL: must start with mqtt:/],
    ['DEMO', 'maybe', /DEMO: must be true or false/],
    ['TENANT', 'Shimen 2', /TENANT/],
    ['TILE_URL', 'https://tiles.example/x.png', /TILE_URL/],
  ])('%s=%s is refused naming the setting', (key, value, re) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(re);
  });

  it('an empty value counts as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' })).toMatchObject({ port: 3000, portExplicit: false, databaseUrl: undefined });
  });

  it('sensing settings: topic levels, node id, device key secret required in production', () => {
    expect(loadConfig({ NODE_ID: 'node-a' })).toMatchObject({ nodeId: 'node-a', mqttTopicPrefix: 'jiedao', mqttShareGroup: 'jiedao', mqttIngestConnections: 8 });
    expect(loadConfig({ NODE_ENV: 'test' })).toMatchObject({ nodeId: expect.stringMatching(/^test-[0-9a-f]{10}$/), mqttShareGroup: expect.stringMatching(/^test-/), mqttSessionExpirySeconds: 120 });
    expect(() => loadConfig({ MQTT_TOPIC_PREFIX: 'a/b' })).toThrow(/MQTT_TOPIC_PREFIX: must be 1 to 64 letters/);
    expect(() => loadConfig({ MQTT_SHARE_GROUP: '#' })).toThrow(/MQTT_SHARE_GROUP/);
    expect(() => loadConfig({ NODE_ID: 'a b' })).toThrow(/NODE_ID/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DEVICE_KEY_SECRET: is required in production/);
    expect(() => loadConfig({ DEVICE_KEY_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/^METRICS_TOKEN: must be 16 to 200 printable characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'has a space in it ok' })).toThrow(/METRICS_TOKEN/);
    expect(loadConfig({ METRICS_TOKEN: 'p'.repeat(16) }).metricsToken).toBe('p'.repeat(16));
    expect(loadConfig({ NODE_ENV: 'production', DEVICE_KEY_SECRET: 'x'.repeat(32) }).deviceKeySecret).toBe('x'.repeat(32));
  });
});
