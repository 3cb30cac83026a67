use yew::prelude::*;

#[function_component(App)]
fn app() -> Html {
    html! { <main><label for="command-input">{ "Command" }</label><input id="command-input" type="text" /></main> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
