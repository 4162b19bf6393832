//! The page: install the panic hook, mount the app.
fn main() {
    console_error_panic_hook::set_once();
    yew::Renderer::<async_playground::ui::app::App>::new().render();
}
