/**
 * The undici classes the client's dispatchers are made of. The build makes this module a bundle of its own
 * (dist/transport.js, see esbuild.js), which http.ts loads when the first client is made rather than when the
 * extension activates: undici is a third of the code the extension would otherwise compile as it starts.
 *
 * Loads only the files of the classes it uses, never undici's index, which installs a global dispatcher as it loads
 * (see undici-deep.d.ts). Then does what index.js does as it loads, minus the global dispatcher and the APIs the
 * client does not use (stream, pipeline, upgrade): gives every dispatcher request() and connect() (ProxyAgent
 * tunnels with connect()). Idempotent; the same functions index.js would install.
 *
 * Imports nothing else of src/brella: what the client checks with `instanceof` (its errors, HttpTimeout) must be
 * one class, in the extension's bundle, not a copy in this one.
 */
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import connect from 'undici/lib/api/api-connect.js';
import request from 'undici/lib/api/api-request.js';

if (typeof (Dispatcher.prototype as { request?: unknown }).request !== 'function') Object.assign(Dispatcher.prototype, { request, connect });

export { Agent, EnvHttpProxyAgent, ProxyAgent };
