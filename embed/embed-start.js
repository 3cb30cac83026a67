// Starts the embed's module (embed.html). A file, not an inline script: the Content-Security-Policy allows none.
import init from './pop3-embed.js';

init();
