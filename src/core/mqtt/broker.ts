// The embedded MQTT broker (aedes) used when no MQTT_URL is configured. Device
// authentication hooks are installed by the sensing module through `setAuth`.
//
// aedes asks authorizePublish before it writes the PUBACK of a QoS 1 message, and waits
// for the answer; a hook that stores the message before answering therefore acknowledges
// only what is committed. The platform's own connection logs in with credentials made at
// start (internalCredentials) and bypasses the hooks.
import net from 'node:net';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';

export interface BrokerAuth {
  authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<boolean>;
  /** true lets the message through. A promise makes the PUBACK wait for it; false or a
   * rejection refuses the message and aedes closes the connection (MQTT 3.1.1 has no
   * negative acknowledgement), so the client sends it again after reconnecting. */
  authorizePublish?(client: Client, topic: string, packet: PublishPacket): boolean | Promise<boolean>;
  authorizeSubscribe?(client: Client, topic: string): boolean;
}

export interface EmbeddedBroker {
  aedes: Aedes;
  server: net.Server;
  port: number;
  setAuth(auth: BrokerAuth): void;
  /** the platform's own log-in: never refused, never filtered by the hooks */
  internalCredentials: { username: string; password: string };
  close(): Promise<void>;
}

const INTERNAL_USER = '$jiedao-internal';

/** Listens on `port`; when the port is taken and `explicit` is false, moves to a free one. */
export async function startEmbeddedBroker(host: string, port: number, explicit: boolean): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({ drainTimeout: 30_000, heartbeatInterval: 60_000 });
  let auth: BrokerAuth | undefined;
  const internalPassword = randomBytes(24).toString('base64url');
  const internal = new WeakSet<Client>();
  const isInternal = (username: string | undefined, password: Buffer | undefined) => {
    if (username !== INTERNAL_USER || !password) return false;
    const want = Buffer.from(internalPassword);
    return password.length === want.length && timingSafeEqual(password, want);
  };
  aedes.authenticate = (client, username, password, done) => {
    if (isInternal(username, password)) {
      internal.add(client);
      return done(null, true);
    }
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
    if (!auth?.authorizePublish || !client || internal.has(client)) return done(null);
    let verdict: boolean | Promise<boolean>;
    try {
      verdict = auth.authorizePublish(client, packet.topic, packet);
    } catch (e) {
      return done(e as Error);
    }
    if (typeof verdict === 'boolean') return done(verdict ? null : new Error('publish not allowed'));
    verdict.then(
      (ok) => done(ok ? null : new Error('publish not allowed')),
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
    );
  };
  aedes.authorizeSubscribe = (client, sub, done) => {
    if (!auth?.authorizeSubscribe || !client || internal.has(client)) return done(null, sub);
    done(null, auth.authorizeSubscribe(client, sub.topic) ? sub : null);
  };

  const server = net.createServer(aedes.handle);
  const actual = await listenNet(server, host, port, explicit, 'MQTT_PORT');
  return {
    aedes,
    server,
    port: actual,
    setAuth: (a) => (auth = a),
    internalCredentials: { username: INTERNAL_USER, password: internalPassword },
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
