//! The page's side of real-server mode: one WebSocket to the bridge per connection, carrying out the shell's
//! [`Outgoing`] requests and feeding the bridge's answers back to the shell (see `console::remote`).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, MessageEvent, WebSocket};

use crate::console::remote::Outgoing;

/// What the socket reports back.
pub enum Incoming {
    /// The bridge's answer to the first message (text).
    Answer(String),
    /// Bytes from the server.
    Data(Vec<u8>),
    /// The connection is over.
    Closed,
    /// No WebSocket could be opened to the bridge's address.
    Unreachable,
    /// The browser is offline (`navigator.onLine` is false), so no WebSocket was tried.
    Offline,
}

/// An open bridge connection: the socket and the handlers it calls (kept alive with it).
pub struct Socket {
    ws: WebSocket,
    _handlers: [Closure<dyn FnMut(web_sys::Event)>; 3],
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

/// Carries out one request. `socket` holds the connection between calls; `report` receives what the bridge
/// sends (called from the socket's event handlers).
pub fn carry_out(url: &str, request: Outgoing, socket: &Rc<RefCell<Option<Socket>>>, report: Rc<dyn Fn(Incoming)>) {
    match request {
        Outgoing::Open { hello } => {
            // A new connection replaces the old one (dropping it closes it).
            *socket.borrow_mut() = open(url, hello, report);
        }
        Outgoing::Send(bytes) => {
            if let Some(s) = socket.borrow().as_ref() {
                let _ = s.ws.send_with_u8_array(&bytes);
            }
        }
        Outgoing::Close => {
            socket.borrow_mut().take();
        }
    }
}

fn open(url: &str, hello: String, report: Rc<dyn Fn(Incoming)>) -> Option<Socket> {
    // Offline, the socket would only fail after a while with nothing to say why: say so at once.
    if !crate::web::online() {
        report(Incoming::Offline);
        return None;
    }
    let ws = match WebSocket::new(url) {
        Ok(ws) => ws,
        Err(_) => {
            report(Incoming::Unreachable);
            return None;
        }
    };
    ws.set_binary_type(BinaryType::Arraybuffer);
    let onopen = {
        let ws = ws.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let _ = ws.send_with_str(&hello);
        })
    };
    let onmessage = {
        let report = report.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Ok(m) = e.dyn_into::<MessageEvent>() else { return };
            let data = m.data();
            if let Some(text) = data.as_string() {
                report(Incoming::Answer(text));
            } else if let Ok(buffer) = data.dyn_into::<js_sys::ArrayBuffer>() {
                report(Incoming::Data(js_sys::Uint8Array::new(&buffer).to_vec()));
            }
        })
    };
    let onclose = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| report(Incoming::Closed));
    ws.set_onopen(Some(onopen.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    ws.set_onclose(Some(onclose.as_ref().unchecked_ref()));
    Some(Socket { ws, _handlers: [onopen, onmessage, onclose] })
}
