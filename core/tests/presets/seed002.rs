//! Seed 002 (枣庄市市中区, 三级平台、四级网格, 党员为民服务队).

use wangge::admission::{AdmissionList, BudgetBasis, GridRef, ListKind};
use wangge::grid::GridKind;
use wangge::staffing::{Cadence, CommunityClass};

use super::*;

#[test]
fn four_levels_not_five() {
    // "社区(行政村)三级服务平台,即网格化社会管理服务工作站(基本网格)": the 基本网格 are the
    // community level; "将每个社区(行政村)划分成若干基础网格"; "形成了三级平台、四级网格".
    let p = preset("seed002");
    let l = levels(&p);
    let ids: Vec<&str> = l.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["county", "town", "community", "grid"]);
    assert!(l[2].1.contains("基本网格"), "{:?}", l[2]);
    assert_eq!(l[3].1, "基础网格");
    assert_eq!(p.grid.levels.leaf().id, "grid");
}

#[test]
fn party_service_team_and_graduates() {
    let p = preset("seed002");
    let t = p.staffing.template("党员为民服务队").unwrap();
    // "每个网格由5—6人组成一支“党员为民服务队”"
    let team = t
        .composition
        .iter()
        .find(|c| c.tags == ["party_member"])
        .unwrap();
    assert_eq!((team.min, team.max), (5, Some(6)));
    // "公开招聘228名大学生党员进入城市社区" for "445个基础网格(其中城市社区228个,行政村217个)":
    // one party-member graduate grid worker per urban grid, none required in villages.
    let (graduates, urban_grids, village_grids) = (228, 228, 217);
    assert_eq!(urban_grids + village_grids, 445);
    assert_eq!(graduates / urban_grids, 1);
    let g = t
        .composition
        .iter()
        .find(|c| c.tags.iter().any(|x| x == "college_graduate"))
        .unwrap();
    assert!(g.tags.iter().any(|x| x == "party_member"));
    assert_eq!(
        g.roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        ["grid_worker"]
    );
    assert_eq!((g.min, g.community), (1, Some(CommunityClass::Urban)));
    // "社区居民每天见到网格员、每周见到社区干部、每月见到街道干部、每季度见到区直部门干部、每半年
    // 见到区级领导"
    let cadence: Vec<Cadence> = t.contacts.iter().map(|c| c.every).collect();
    assert_eq!(
        cadence,
        [
            Cadence::Day,
            Cadence::Week,
            Cadence::Month,
            Cadence::Quarter,
            Cadence::HalfYear
        ]
    );
}

#[test]
fn admission_list_and_funds() {
    let p = preset("seed002");
    // "集中设立了信访维稳、城市管理、环境卫生、环境保护、安全生产、食品药品、社区党建等17项共驻、
    // 共享、共建内容"
    let tasks = names(&p, ListKind::Task);
    for n in terms("信访维稳、城市管理、环境卫生、环境保护、安全生产、食品药品、社区党建")
    {
        assert!(tasks.contains(&n), "{n}");
        assert!(admits_task(&p, &n, "2015-01-01"), "{n}");
    }
    // "对辖区矛盾纠纷实行日排查"
    let daily = items(&p, ListKind::Task)
        .into_iter()
        .find(|i| i.name.contains("矛盾纠纷"))
        .unwrap();
    assert_eq!(
        daily.frequency.as_ref().unwrap().every,
        wangge::admission::PeriodKind::Day
    );
    // "区财政每年拿出1000万元网格化管理运行经费": one yearly sum, 1000 × 10,000 yuan in fen.
    let fen = 1000 * 10_000 * 100;
    let funded: Vec<_> = items(&p, ListKind::Task)
        .into_iter()
        .filter_map(|i| i.budget)
        .collect();
    assert_eq!(funded.len(), 1);
    assert_eq!(
        (funded[0].amount_fen, funded[0].basis),
        (fen, BudgetBasis::LumpSum)
    );
    let list = AdmissionList::preset("seed002").unwrap();
    let grids = [
        GridRef::new("370402001001001".parse().unwrap(), GridKind::Basic),
        GridRef::new("370402100201001".parse().unwrap(), GridKind::Basic),
    ];
    let t = list.budget(day("2015-01-01"), &grids).unwrap();
    assert_eq!(t.total_fen, fen);
    assert_eq!(t.by_grid[0].amount_fen + t.by_grid[1].amount_fen, fen);
}
