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
});
