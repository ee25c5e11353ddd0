//! Seed 004 (红卫街道, 三级网格).

use wangge::admission::{ListKind, UnitKind};

use super::*;

#[test]
fn three_grid_levels_under_the_district() {
    // "一级网格。即街道网格"; "二级网格。即村(居)网格"; "三级网格。即根底(基础)网格"
    let p = preset("seed004");
    let l = levels(&p);
    assert_eq!(l.len(), 4);
    for (k, name) in ["一级网格", "二级网格", "三级网格"].iter().enumerate() {
        assert!(l[k + 1].1.contains(name), "{:?}", l[k + 1]);
    }
}

#[test]
fn grid_size() {
    // "原则上按照300户、…-1500人左右划分网格" (the lower population bound is garbled).
    let p = preset("seed004");
    let d = &p.grid.division;
    assert!(d.basic_households.contains(300));
    assert_eq!(d.basic_population.max, Some(1500));
}

#[test]
fn the_tasks_of_the_seed_are_listed() {
    let p = preset("seed004");
    // The street approves ("对下级网格进行考核、评估、监督与管理").
    assert_eq!(p.admission.rules.approvers, [UnitKind::Town]);
    let tasks = items(&p, ListKind::Task);
    // "负责网格内居民信息登记、社情民意收集、社会治安巡查、应急管理、矛盾纠纷调解、政策法规宣传和
    // 组织居民参加活动"
    let lead = terms(
        "居民信息登记、社情民意收集、社会治安巡查、应急管理、矛盾纠纷调解、政策法规宣传和组织居民参加活动",
    );
    assert_eq!(lead.len(), 7);
    // "协助做好网格内与居民利益有关的社区党建、社会治安、社区矫正、公共卫生、社区教育、劳动就业、
    // 社会保障、社会救助、住房保障、城市管理、环境卫生、文化体育、消费维权以及老年人、残疾人、
    // 未成年人、流动人口权益保障等工作"
    let mut assist = terms(
        "社区党建、社会治安、社区矫正、公共卫生、社区教育、劳动就业、社会保障、社会救助、住房保障、城市管理、环境卫生、文化体育、消费维权",
    );
    for group in terms("老年人、残疾人、未成年人、流动人口") {
        assist.push(format!("{group}权益保障"));
    }
    assert_eq!(assist.len(), 17);
    for (want, is_lead) in lead
        .iter()
        .map(|n| (n, true))
        .chain(assist.iter().map(|n| (n, false)))
    {
        let i = tasks
            .iter()
            .find(|i| &i.name == want)
            .unwrap_or_else(|| panic!("{want} is not on the task list"));
        assert_eq!(leads(i), is_lead, "{want}");
        // The lawful push is accepted.
        assert!(admits_task(&p, want, "2012-06-01"), "{want}");
    }
    assert!(!admits_task(&p, "招商引资", "2012-06-01"));
    // "网格员将计生信息按月上报"; "坚持日通气、周碰头、月总结的网格员工作例会制度"
    let every = |name: &str| {
        tasks
            .iter()
            .find(|i| i.name.contains(name))
            .and_then(|i| i.frequency.as_ref())
            .map(|f| f.every)
    };
    use wangge::admission::PeriodKind;
    assert_eq!(every("计生"), Some(PeriodKind::Month));
    assert_eq!(every("日通气"), Some(PeriodKind::Day));
    assert_eq!(every("周碰头"), Some(PeriodKind::Week));
    assert_eq!(every("月总结"), Some(PeriodKind::Month));
}

#[test]
fn posts() {
    let p = preset("seed004");
    let t = &p.staffing.templates[0];
    // "每个网格可根据工作难易程度及具体情况明确一名网格长、网格员、信息员和若干志愿者": one each; the
    // informant optional ("可").
    for r in ["grid_head", "grid_worker"] {
        assert_eq!((role(t, r).min, role(t, r).max), (1, Some(1)), "{r}");
    }
    assert_eq!(
        (role(t, "informant").min, role(t, "informant").max),
        (0, Some(1))
    );
    assert_eq!(
        (role(t, "volunteer").min, role(t, "volunteer").max),
        (0, None)
    );
    // "网格员实行持证(牌)上岗"
    assert!(role(t, "grid_worker").tags.iter().any(|x| x == "certified"));
    // The seven tasks are the grid worker's duties.
    assert_eq!(
        role(t, "grid_worker").duties,
        terms(
            "居民信息登记、社情民意收集、社会治安巡查、应急管理、矛盾纠纷调解、政策法规宣传和组织居民参加活动"
        )
    );
}
