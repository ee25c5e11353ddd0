//! Seed 000 (XX市 全科网格, 3+X+N).

use wangge::admission::{AdmissionList, GridRef, ListKind, UnitKind};
use wangge::grid::GridKind;

use super::*;

#[test]
fn four_levels() {
    // "构建了社会治理“一张网”和“区县—镇街(部门)—村(社区)—基层网格”四级服务管理体系"
    let p = preset("seed000");
    let ids: Vec<String> = levels(&p).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, ["county", "town", "community", "grid"]);
}

#[test]
fn three_x_n() {
    let p = preset("seed000");
    let t = p.staffing.template("3+X+N").unwrap();
    // "“3”是指一个网格内配备一名网格指导员、一名网格长、一名专职网格员"
    for r in ["instructor", "grid_head", "grid_worker"] {
        assert_eq!((role(t, r).min, role(t, r).max), (1, Some(1)), "{r}");
    }
    assert!(role(t, "grid_worker").full_time, "专职");
    // No concurrency limit: the seed sets none (an instructor may guide several villages).
    for r in ["instructor", "grid_head", "grid_worker"] {
        assert!(role(t, r).concurrency.is_none(), "{r}");
    }
    // "“N”是指若干名兼职网格员": any number.
    assert_eq!(
        (
            role(t, "part_time_worker").min,
            role(t, "part_time_worker").max
        ),
        (0, None)
    );
    // "先培训后上岗": the grid workers, full- and part-time, carry the "trained" tag.
    for r in ["grid_worker", "part_time_worker"] {
        assert!(role(t, r).tags.iter().any(|x| x == "trained"), "{r}");
    }
    // "“X”是指下沉网格或联系网格内的警务、安全监管、城市管理、市场监管、文化、生态环保、交通等
    // 行政管理、行政执法人员及辅助人员"
    let mut want = terms("警务、安全监管、城市管理、市场监管、文化、生态环保、交通");
    want.sort();
    let mut got: Vec<String> = p
        .staffing
        .departments
        .iter()
        .map(|d| d.name.clone())
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(role(t, "embedded_staff").min, 0);
    // "保证每个网格至少有1名党员网格员"
    let c = t
        .composition
        .iter()
        .find(|c| c.tags == ["party_member"])
        .unwrap();
    assert_eq!((c.min, c.max), (1, None));
    let roles: Vec<String> = c.roles.iter().map(|r| r.to_string()).collect();
    assert_eq!(roles, ["grid_worker", "part_time_worker"]);
}

#[test]
fn admission_list() {
    let p = preset("seed000");
    // "全科网格新增事项须经区综治办审核后纳入全科网格工作"
    assert_eq!(
        p.admission.rules.approvers,
        [UnitKind::CountyGovernanceOffice]
    );
    // "整合综治、党建、公安、民政、司法、国土资源、住建、环保、安监、市场监管、综合行政执法、
    // 新居民服务管理、消防等部门单位的部分基层信息管理工作纳入全科网格": each has a task item.
    let tasks = items(&p, ListKind::Task);
    for dept in terms(
        "综治、党建、公安、民政、司法、国土资源、住建、环保、安监、市场监管、综合行政执法、新居民服务管理、消防",
    ) {
        assert!(
            tasks
                .iter()
                .any(|i| i.department.contains(&dept) || i.name.contains(&dept)),
            "no task item for {dept}"
        );
    }
    // "群体性事件、重大案(事)件、自然灾害事故、火灾事故等突发事件 … 应第一时间上报": the report list.
    let reports = names(&p, ListKind::Report);
    for e in terms("群体性事件、重大案(事)件、自然灾害事故、火灾事故") {
        assert!(
            reports.contains(&e),
            "{e} not on the report list: {reports:?}"
        );
    }
    // A lawful push is admitted; work off the list is refused.
    assert!(admits_task(&p, "消防安全隐患排查", "2019-03-01"));
    assert!(!admits_task(&p, "招商引资", "2019-03-01"));
}

#[test]
fn merged_funds_go_to_the_towns() {
    // "在整合河长管理员、交通劝导员、地质观察员、环保督查员等经费的基础上,由市财政局将网格工作经费
    // 统一划拨到各镇街,由各镇街统筹安排使用": the duties join the grid, the money goes to the towns
    // (no amount, nothing per grid).
    let p = preset("seed000");
    let tasks = items(&p, ListKind::Task);
    for duty in terms("河长管理员、交通劝导员、地质观察员、环保督查员") {
        let i = tasks
            .iter()
            .find(|i| i.name.contains(&duty))
            .unwrap_or_else(|| panic!("no item for {duty}"));
        assert!(i.budget.is_none(), "{duty}: the seed gives no amount");
        assert!(
            i.legal_basis
                .as_deref()
                .is_some_and(|b| b.contains("统一划拨到各镇街")),
            "{duty}"
        );
    }
    let list = AdmissionList::preset("seed000").unwrap();
    let grids = [GridRef::new(
        "330102016001001".parse().unwrap(),
        GridKind::Basic,
    )];
    let t = list.budget(day("2019-06-01"), &grids).unwrap();
    assert_eq!(t.total_fen, 0);
    assert_eq!(t.by_grid[0].amount_fen, 0);
}
