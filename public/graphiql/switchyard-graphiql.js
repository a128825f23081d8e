// Switchyard's GraphiQL page: GraphiQL against /graphql (and its WebSocket for subscriptions),
// with a Bearer-token field. The `login` mutation's token fills the field by itself; every request
// then carries `Authorization: Bearer <token>`, unless the Headers editor sets its own
// Authorization, which wins. The token is kept for this tab only (sessionStorage).
/* global React, ReactDOM, GraphiQL */
(function () {
  'use strict';

  var STORAGE_KEY = 'switchyard.graphiql.token';
  var DEFAULT_QUERY = [
    '# Switchyard GraphQL. To log in, put the password',
    '# in the Login mutation below and run it (the ▶',
    '# button, then "Login"). Its token fills the',
    '# "Bearer token" field above; every request then',
    '# carries it. Or paste a token there, or set',
    '# {"Authorization": "Bearer <token>"} under',
    '# Headers below, which wins over the field.',
    '',
    'mutation Login {',
    '  login(username: "admin", password: "") {',
    '    token',
    '    mfaRequired',
    '    user {',
    '      username',
    '    }',
    '  }',
    '}',
    '',
    'query Me {',
    '  me {',
    '    username',
    '  }',
    '}',
    '',
  ].join('\n');

  // GraphiQL's scroll lock (react-remove-scroll) puts this nonce on the <style> it adds, which
  // the page's Content-Security-Policy allows by it.
  window.__webpack_nonce__ = document.querySelector('meta[name="sy-style-nonce"]').content;

  // Relative to the page, so that a reverse proxy's path prefix is kept.
  var endpoint = new URL('graphql', window.location.href);
  endpoint.search = '';
  endpoint.hash = '';
  var url = endpoint.href;
  var subscriptionUrl = url.replace(/^http/, 'ws');

  var form = document.getElementById('sy-auth');
  var input = document.getElementById('sy-token');
  var forget = document.getElementById('sy-forget');
  var status = document.getElementById('sy-status');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  // Switchyard answers no multipart (@defer) responses: every answer is one JSON object.
  var base = GraphiQL.createFetcher({ url: url, subscriptionUrl: subscriptionUrl, enableIncrementalDelivery: false });
  var token = readToken();

  function readToken() {
    try {
      return window.sessionStorage.getItem(STORAGE_KEY) || '';
    } catch (err) {
      return '';
    }
  }

  function keepToken(value) {
    try {
      if (value) window.sessionStorage.setItem(STORAGE_KEY, value);
      else window.sessionStorage.removeItem(STORAGE_KEY);
    } catch (err) {
      // Storage refused (private mode): the token lasts until the page is left.
    }
  }

  function setStatus(text, tone) {
    status.textContent = text;
    status.className = 'sy-status' + (tone ? ' sy-' + tone : '');
  }

  function hasAuthorization(headers) {
    return Object.keys(headers).some(function (name) {
      return name.toLowerCase() === 'authorization';
    });
  }

  function takeLoginToken(result) {
    var login = result && result.data && result.data.login;
    if (!login || typeof login.token !== 'string') return;
    if (login.mfaRequired) {
      setStatus('MFA is on for this user: this token only completes the login at POST /api/user/totp/verify; paste the token that answers.', 'warn');
      return;
    }
    var who = login.user && login.user.username ? ' as ' + login.user.username : '';
    applyToken(login.token, 'Logged in' + who + ': every request carries this token.');
  }

  // A new fetcher for each token, so that GraphiQL fetches the schema again with it.
  function fetcherFor(current) {
    return function fetcher(params, options) {
      var own = (options && options.headers) || {};
      var headers = current && !hasAuthorization(own) ? Object.assign({ Authorization: 'Bearer ' + current }, own) : own;
      return Promise.resolve(base(params, Object.assign({}, options, { headers: headers }))).then(function (result) {
        takeLoginToken(result);
        return result;
      });
    };
  }

  function render() {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcherFor(token),
        defaultQuery: DEFAULT_QUERY,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
      }),
    );
  }

  function applyToken(value, message) {
    token = value;
    input.value = value;
    keepToken(value);
    setStatus(message, value ? 'ok' : '');
    render();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var value = input.value.trim().replace(/^Bearer\s+/i, '');
    applyToken(value, value ? 'Token set: every request carries it.' : 'No token: only the login mutation works.');
  });
  forget.addEventListener('click', function () {
    applyToken('', 'Token forgotten: only the login mutation works.');
  });

  input.value = token;
  setStatus(token ? 'Token set: every request carries it.' : 'No token: only the login mutation works.', token ? 'ok' : '');
  render();
})();
