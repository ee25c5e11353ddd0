//! Any `[scoring]` section (JSON) either fails with a typed error or gives a policy whose
//! sheets score a fixed set of records and host inputs with every total in [0, max].
#![no_main]
use libfuzzer_sys::fuzz_target;
use wangge::record::{ReadOptions, read_csv};
use wangge::scoring::{
    GroupBy, ScoreRequest, ScoringPolicy, ScoringPolicyFile, UnitInput, compute,
};

const RECORDS: &str = "id,grid,category,class,urgency,tier,source,reported_at,due_at,closed_at,status,rework,rating,contacted,leader_assigned,deferred\n\
A,371323100201001,x,event,urgent,t1,patrol,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-04T10:00:00+08:00,closed,3,satisfied,true,true,false\n\
B,371323100201001,x,event,routine,t1,hotline,2016-12-01T09:00:00+08:00,2016-12-05T17:00:00+08:00,2016-12-08T10:00:00+08:00,closed,1,basically_satisfied,true,false,true\n\
C,371323100201002,x,component,routine,t2,patrol,2016-12-10T09:00:00+08:00,2016-12-20T17:00:00+08:00,,assigned,0,,,false,false\n";

fuzz_target!(|data: &[u8]| {
    let Ok(file) = serde_json::from_slice::<ScoringPolicyFile>(data) else {
        return;
    };
    let Ok(policy) = ScoringPolicy::from_file(file.clone(), chrono_tz_zone()) else {
        return;
    };
    let records = read_csv(RECORDS, ReadOptions::default()).unwrap().records;
    let input = UnitInput {
        values: ["volume", "region", "operation", "points"]
            .iter()
            .map(|k| (k.to_string(), 42.0))
            .collect(),
        ..UnitInput::default()
    };
    for sheet in &file.sheets {
        let mut request =
            ScoreRequest::new("2016-12".parse().unwrap(), GroupBy::Grid).with_sheet(&sheet.id);
        request
            .inputs
            .insert("371323100201001".into(), input.clone());
        let Ok(result) = compute(&policy, &records, &request) else {
            continue;
        };
        let max = policy.sheet(&sheet.id).unwrap().max_total();
        for u in &result.units {
            if let Some(t) = u.total {
                assert!((0.0..=max).contains(&t), "{t} not in [0, {max}]");
            }
        }
    }
});

fn chrono_tz_zone() -> chrono_tz::Tz {
    chrono_tz::Asia::Shanghai
}
