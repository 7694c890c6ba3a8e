/*
 * Types for the undici files transport.ts loads directly. undici's index.js installs a global dispatcher as it loads
 * (lib/global.js sets globalThis[Symbol.for('undici.globalDispatcher.1')] when unset); this layer must leave
 * globals alone, so it loads only the classes it uses. They are the very objects index.js re-exports.
 */
declare module 'undici/lib/dispatcher/dispatcher.js' {
  import { Dispatcher } from 'undici';
  export = Dispatcher;
}

declare module 'undici/lib/api/api-request.js' {
  const request: (...args: unknown[]) => unknown;
  export = request;
}

declare module 'undici/lib/api/api-connect.js' {
  const connect: (...args: unknown[]) => unknown;
  export = connect;
}

declare module 'undici/lib/dispatcher/agent.js' {
  import { Agent } from 'undici';
  export = Agent;
}

declare module 'undici/lib/dispatcher/proxy-agent.js' {
  import { ProxyAgent } from 'undici';
  export = ProxyAgent;
}

declare module 'undici/lib/dispatcher/env-http-proxy-agent.js' {
  import { EnvHttpProxyAgent } from 'undici';
  export = EnvHttpProxyAgent;
}
