// pop3-tutor's embed script for help articles (README, "Embedding a session"). Dependency-free; load it from
// the same place as embed.html:
//
//   <div class="pop3-tutor" data-scenario="seed" data-lang="pl"></div>
//   <script src="https://TUTOR/embed.js" defer></script>
//
// Each `.pop3-tutor` element becomes an iframe of embed.html. Every URL parameter of embed.html has a `data-`
// attribute of the same name (scenario, lang, theme, autoplay, speed, step, live, explain); `data-share` carries a
// `#s=1.` payload, `data-height` the frame's first height in pixels (440), `data-title` its accessible name, and
// `data-load="click"` shows a button that loads the frame on click (pages with many embeds). The frame's height
// follows its content: the widget posts it, and only messages from the frame's own origin and window are read.
// The widget's events reach the element as DOM events: pop3-tutor:ready, :resize, :step, :state, :takeover
// (`event.detail` is the message). Styles are set through the CSSOM, which a host's strict CSP allows.
(() => {
  'use strict';
  const script = document.currentScript;
  const page = new URL('embed.html', script && script.src ? script.src : document.baseURI);
  const params = ['scenario', 'lang', 'theme', 'autoplay', 'speed', 'step', 'live', 'explain'];
  const frames = new Map();
  const polish = (el) => (el.dataset.lang || document.documentElement.lang || '').toLowerCase().startsWith('pl');

  const address = (el) => {
    const url = new URL(page);
    for (const name of params) {
      const value = el.dataset[name];
      if (value != null && value !== '') url.searchParams.set(name, value);
    }
    if (el.dataset.share) url.hash = el.dataset.share.replace(/^#/, '');
    return url.href;
  };

  const mount = (el) => {
    const frame = document.createElement('iframe');
    frame.src = address(el);
    frame.title = el.dataset.title || (polish(el) ? 'Sesja POP3 (samouczek POP3)' : 'POP3 session (POP3 tutor)');
    frame.setAttribute('allow', 'clipboard-write');
    frame.className = 'pop3-tutor-frame';
    // The widget takes its natural height in a frame so named (a plain iframe's it fills).
    frame.name = 'pop3-tutor-sized';
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.height = `${Number(el.dataset.height) || 440}px`;
    el.replaceChildren(frame);
    frames.set(frame.contentWindow, frame);
  };

  const placeholder = (el) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'pop3-tutor-load';
    button.textContent = polish(el) ? 'Pokaż sesję POP3' : 'Show the POP3 session';
    button.addEventListener('click', () => {
      mount(el);
      el.firstChild.focus();
    }, { once: true });
    // Whatever the element holds (a transcript, a link) stays under the button until the frame loads.
    el.prepend(button);
  };

  addEventListener('message', (event) => {
    const frame = frames.get(event.source);
    if (!frame || event.origin !== new URL(frame.src).origin) return;
    const data = event.data;
    if (!data || data.source !== 'pop3-tutor-embed' || typeof data.type !== 'string') return;
    if (data.type === 'resize' && Number.isFinite(data.height)) {
      frame.style.height = `${Math.min(Math.max(Math.ceil(data.height), 120), 4000)}px`;
    }
    frame.parentElement?.dispatchEvent(new CustomEvent(`pop3-tutor:${data.type}`, { detail: data, bubbles: true }));
  });

  const init = (root = document) => {
    for (const el of root.querySelectorAll('.pop3-tutor:not([data-pop3-tutor-ready])')) {
      el.setAttribute('data-pop3-tutor-ready', '');
      (el.dataset.load === 'click' ? placeholder : mount)(el);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => init());
  else init();
  // For pages that add embeds later.
  window.pop3Tutor = { init };
})();
