//! Any bytes given to the GeoJSON layer reader give a layer or a typed error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        match wangge::grid::Layer::from_geojson(text) {
            Ok(layer) => {
                // Whatever was read writes back and reads again to the same layer.
                let again = wangge::grid::Layer::from_geojson(&layer.to_geojson());
                assert!(again.is_ok());
            }
            Err(e) => {
                let _ = e.code();
            }
        }
    }
});
