// Starts the embed's module (embed.html). A file, not an inline script: the Content-Security-Policy allows none.
// One widget, two modules: pop3-embed opens the built-in scenarios (compiled into it as values); pop3-embed-shared
// also reads a scenario carried whole in the address (#s=…), with the scenario format's reader, which makes it
// larger. The test is the widget's own: a fragment part that starts with `s=`. The wasm is fetched at once,
// beside the glue script, as a preload would.
const shared = location.hash.slice(1).split('&').some((part) => part.startsWith('s='));
const name = shared ? 'pop3-embed-shared' : 'pop3-embed';
const wasm = fetch(new URL(`${name}_bg.wasm`, import.meta.url));
const { default: init } = await import(`./${name}.js`);
init({ module_or_path: wasm });
