'use strict';
// What src/servers/http.ts takes from undici (Agent and request), without the
// rest of the package: fetch, WebSocket, caches, mocks and proxies are about
// 230 kB of the bundle that nothing here uses. `request` does what undici's
// own top-level wrapper does (index.js, makeDispatcher) for our call shape:
// request(url, {dispatcher, method, headers, body, ...}).
const Agent = require('undici/lib/dispatcher/agent');
const Dispatcher = require('undici/lib/dispatcher/dispatcher');
const api = require('undici/lib/api');
const {parseURL} = require('undici/lib/core/util');
const {getGlobalDispatcher} = require('undici/lib/global');

// undici's index.js gives every dispatcher its request/stream/... methods this way.
Object.assign(Dispatcher.prototype, api);

function request(url, opts) {
  const options = opts || {};
  const target = parseURL(url);
  const dispatcher = options.dispatcher || getGlobalDispatcher();
  return dispatcher.request({
    ...options,
    origin: target.origin,
    path: target.search ? `${target.pathname}${target.search}` : target.pathname,
    method: options.method || (options.body ? 'PUT' : 'GET'),
  });
}

module.exports = {Agent, request};
