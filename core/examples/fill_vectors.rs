fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let op = doc["op"].as_str().unwrap().to_string();
    for c in doc["cases"].as_array_mut().unwrap() {
        let r = wangge::api::call(&op, &c["input"]);
        match r {
            Ok(v) => {
                if c.get("error").is_some() {
                    eprintln!("EXPECTED ERROR {}: got ok", c["name"]);
                }
                c["output"] = v;
            }
            Err(e) => {
                if c.get("error").and_then(|x| x.as_str()) != Some(e.code().name()) {
                    eprintln!("{}: error {} {}", c["name"], e.code().name(), e);
                }
                c["error"] = e.code().name().into();
            }
        }
    }
    println!("{}", serde_json::to_string_pretty(&doc).unwrap());
}
