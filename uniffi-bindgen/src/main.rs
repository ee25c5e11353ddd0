//! `uniffi-bindgen generate <libwangge_mobile.so> --language kotlin|swift|python --out-dir DIR`:
//! the UniFFI generator, built from the same UniFFI version as `bindings-mobile` (library
//! mode: the bindings are read from the metadata in the built library).

fn main() {
    uniffi::uniffi_bindgen_main()
}
