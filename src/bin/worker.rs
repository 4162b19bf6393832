//! The Web Worker: install the panic hook, listen for requests.
fn main() {
    console_error_panic_hook::set_once();
    async_playground::web::worker_main::start();
}
