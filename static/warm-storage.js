// Loaded by index.html at the end of <body>, while the wasm module is still downloading (a file, not an inline
// script: the site's Content-Security-Policy allows no inline script). The app reads its saved settings and the
// browser's language before its first render; a page's first touch of localStorage waits while the browser
// loads the storage area (about 1.5 ms here): done now, that wait is off the path to an interactive console.
try { localStorage.length; navigator.language; } catch (e) {}
