//! The batch coordinate reader of the bindings (`Crs::to_wgs84_pairs`, what a
//! `Float64Array` or a C `double` array goes through) on any bit patterns — NaN payloads,
//! infinities, subnormals, -0, an odd count — against reading each pair by itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wangge::geo::{Crs, Point};

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let crs = [Crs::Wgs84, Crs::Gcj02, Crs::Bd09][usize::from(which % 3)];
    let numbers: Vec<f64> = rest
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().unwrap_or([0; 8])))
        .collect();
    let got = crs.to_wgs84_pairs(&numbers);
    let mut want = Vec::new();
    for (i, xy) in numbers.chunks(2).enumerate() {
        let one = match *xy {
            [lon, lat] => crs.to_wgs84(Point::new(lon, lat)).ok(),
            _ => None,
        };
        match one {
            Some(p) => want.push(p),
            None => {
                let e = got.expect_err("a bad pair was accepted");
                assert_eq!(e.index, i);
                return;
            }
        }
    }
    let points = got.expect("good pairs refused");
    assert_eq!(points.len(), want.len());
    for (a, b) in points.iter().zip(&want) {
        assert_eq!(a.lon.to_bits(), b.lon.to_bits());
        assert_eq!(a.lat.to_bits(), b.lat.to_bits());
    }
});
