uniffi::setup_scaffolding!("wangge");
