//! Seed 003 (沂水县, 1+1+1+N).

use wangge::staffing::ConcurrencyUnit;

use super::*;

#[test]
fn four_levels() {
    // "构建县、乡、村、网格四级网格为骨干的一体化扁平式社会治理智能化应用体系"
    let p = preset("seed003");
    let ids: Vec<String> = levels(&p).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["county", "town", "community", "grid"]);
}

#[test]
fn one_one_one_n() {
    let p = preset("seed003");
    let t = p.staffing.template("1+1+1+N").unwrap();
    // "每个网格统一配备1名网格指导员,由乡镇包村干部兼任"
    let i = role(t, "instructor");
    assert_eq!((i.min, i.max), (1, Some(1)));
    assert_eq!(i.tags, ["township_cadre"]);
    assert!(
        i.concurrency.is_none(),
        "the seed sets no limit on villages per cadre"
    );
    // "1名网格长,由村党组织负责人兼任"
    let h = role(t, "grid_head");
    assert_eq!((h.min, h.max), (1, Some(1)));
    assert!(h.tags.iter().any(|x| x == "village_party_secretary"));
    // "1名专职网格员" — "全县共划分为1358个网格" and "全县1358名专职网格员": one grid each.
    let (grids, workers) = (1358, 1358);
    let w = role(t, "grid_worker");
    assert_eq!((w.min, w.max), (1, Some(1)));
    assert!(w.full_time);
    let c = w.concurrency.unwrap();
    assert_eq!((c.per, c.max), (ConcurrencyUnit::Grid, grids / workers));
    // "以年龄相当、身体健康、能够熟练操作智能手机为基本条件"
    for tag in ["healthy", "smartphone"] {
        assert!(w.tags.iter().any(|x| x == tag), "{tag}");
    }
    // "若干名网格协管员和党员协助员"; "“网格协管员+党员协助员”具体落实"
    assert_eq!(role(t, "party_assistant").tags, ["party_member"]);
    let n = t.composition.iter().find(|c| c.id == "n_team").unwrap();
    let roles: Vec<String> = n.roles.iter().map(|r| r.to_string()).collect();
    assert_eq!(roles, ["assistant", "party_assistant"]);
    assert_eq!(n.min, 1);
}

#[test]
fn sizes_fit_the_county_averages() {
    // "目前已录入实有人口1105685人,实有房屋409376套" over 1,358 grids: the default size rule
    // (not in the seed) must admit the average grid.
    let p = preset("seed003");
    let d = &p.grid.division;
    let (people, houses, grids) = (1_105_685u32, 409_376u32, 1358u32);
    assert!(d.basic_population.contains(people / grids));
    assert!(d.basic_households.contains(houses / grids));
}
