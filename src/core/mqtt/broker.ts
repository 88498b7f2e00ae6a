// The embedded MQTT broker (aedes) used when no MQTT_URL is configured. Device
// authentication hooks are installed by the sensing module through `setAuth`.
import net from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';

export interface BrokerAuth {
  authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<boolean>;
  authorizePublish?(client: Client, topic: string): boolean;
  authorizeSubscribe?(client: Client, topic: string): boolean;
}

export interface EmbeddedBroker {
  aedes: Aedes;
  server: net.Server;
  port: number;
  setAuth(auth: BrokerAuth): void;
  close(): Promise<void>;
}

/** Listens on `port`; when the port is taken and `explicit` is false, moves to a free one. */
export async function startEmbeddedBroker(host: string, port: number, explicit: boolean): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({ drainTimeout: 30_000, heartbeatInterval: 60_000 });
  let auth: BrokerAuth | undefined;
  aedes.authenticate = (client, username, password, done) => {
    if (!auth) return done(null, true);
    auth
      .authenticate(client, username, password)
      .then((ok) => {
        if (ok) return done(null, true);
        const err = new Error('bad credentials') as AuthenticateError;
        err.returnCode = 4;
        done(err, false);
      })
      .catch(() => {
        const err = new Error('auth failure') as AuthenticateError;
        err.returnCode = 3;
        done(err, false);
      });
  };
  aedes.authorizePublish = (client, packet, done) => {
    if (!auth?.authorizePublish || !client) return done(null);
    done(auth.authorizePublish(client, packet.topic) ? null : new Error('publish not allowed'));
  };
  aedes.authorizeSubscribe = (client, sub, done) => {
    if (!auth?.authorizeSubscribe || !client) return done(null, sub);
    done(null, auth.authorizeSubscribe(client, sub.topic) ? sub : null);
  };

  const server = net.createServer(aedes.handle);
  const actual = await listenNet(server, host, port, explicit, 'MQTT_PORT');
  return {
    aedes,
    server,
    port: actual,
    setAuth: (a) => (auth = a),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        aedes.close(() => undefined);
        setTimeout(resolve, 1000).unref();
      }),
  };
}

export class PortInUseError extends Error {
  constructor(
    readonly setting: string,
    readonly port: number,
  ) {
    super(`${setting}: port ${port} is already in use`);
  }
}

/** Bind a server; a taken default port moves up to the next free one. */
export async function listenNet(server: net.Server, host: string, port: number, explicit: boolean, setting: string): Promise<number> {
  for (let p = port, tries = 0; ; p++, tries++) {
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (e: Error) => {
          server.off('listening', onListening);
          reject(e);
        };
        const onListening = () => {
          server.off('error', onError);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(p, host);
      });
      return (server.address() as net.AddressInfo).port;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE') throw e;
      if (explicit) throw new PortInUseError(setting, port);
      if (tries >= 50 || p === 0) throw new PortInUseError(setting, port);
    }
  }
}
