//! Seed 001 (某某区, 一长一员一团队 + 4+N).

use wangge::admission::ListKind;
use wangge::staffing::ConcurrencyUnit;

use super::*;

#[test]
fn basic_grid_size() {
    // "以常住人口 300-500 户或 1000 人为单位,设置基础网格"
    let p = preset("seed001");
    let d = &p.grid.division;
    assert_eq!(
        (d.basic_households.min, d.basic_households.max),
        (Some(300), Some(500))
    );
    assert!(d.basic_population.contains(1000));
    // "以商务楼宇、园区、商圈市场、学校、医院等为单位,设置专属网格": no size rule for them.
    assert_eq!(
        (d.dedicated_households.min, d.dedicated_households.max),
        (None, None)
    );
}

#[test]
fn one_head_one_worker_one_team() {
    let p = preset("seed001");
    let t = p.staffing.template("一长一员一团队").unwrap();
    // "每个网格配备网格长 1 名(可同时兼任 2-3 个网格),由村(社区)专职工作人员担任"
    let head = role(t, "grid_head");
    assert_eq!((head.min, head.max), (1, Some(1)));
    let c = head.concurrency.unwrap();
    assert_eq!((c.per, c.max), (ConcurrencyUnit::Grid, 3));
    assert_eq!(head.tags, ["community_staff"]);
    // "网格至少配备专职网格员 1 名,由政府统一聘任,承担信息采报、定期走访、民意收集、矛盾化解、
    // 隐患排查、政策宣传、工作报告七项职能"
    let w = role(t, "grid_worker");
    assert_eq!((w.min, w.max), (1, None));
    assert!(w.full_time);
    assert!(w.tags.iter().any(|x| x == "government_hired"));
    let duties = terms("信息采报、定期走访、民意收集、矛盾化解、隐患排查、政策宣传、工作报告");
    assert_eq!(duties.len(), 7);
    assert_eq!(w.duties, duties);
    let mut tasks = names(&p, ListKind::Task);
    let mut want = duties.clone();
    tasks.sort();
    want.sort();
    assert_eq!(tasks, want, "the seven duties are the task list");
    // "配备 4+N 服务团队,即分别配备 1 名网格指导员、网格警务员、网格调解员、网格安全员"
    for r in ["instructor", "police", "mediator", "safety_officer"] {
        assert_eq!((role(t, r).min, role(t, r).max), (1, Some(1)), "{r}");
    }
    // "“N”支网格党员先锋队、网格志愿服务队"
    assert_eq!(role(t, "party_assistant").tags, ["party_member"]);
    assert_eq!(role(t, "volunteer").min, 0);
}

#[test]
fn service_list() {
    // "实现居民医疗保险缴纳、就业培训、心理咨询、低保申报、高龄津贴发放、司法调解、环境整治等某某个
    // 事项在家门口办理"
    let p = preset("seed001");
    let mut want =
        terms("居民医疗保险缴纳、就业培训、心理咨询、低保申报、高龄津贴发放、司法调解、环境整治");
    want.sort();
    assert_eq!(names(&p, ListKind::Service), want);
}
