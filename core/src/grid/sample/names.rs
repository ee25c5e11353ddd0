//! Deterministic place names for the sample county.

use super::rng::Rng;

const FIRST: &[&str] = &[
    "沂", "许", "高", "黄", "龙", "马", "夏", "杨", "泉", "崔", "富", "道", "圈", "院", "诸", "四",
    "姚", "王", "石", "东", "西", "南", "北", "青", "柳", "桃", "杏", "槐", "松", "河",
];
const SECOND: &[&str] = &[
    "河", "家湖", "庄", "山", "坡", "店", "官", "庄", "头", "里", "葛", "旺", "门", "埠", "村",
    "洼", "岭", "峪", "泉", "沟", "桥", "湾", "庙", "集", "园",
];

pub(crate) struct Names {
    rng: Rng,
}

impl Names {
    pub(crate) fn new(seed: u64) -> Names {
        Names {
            rng: Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5151),
        }
    }

    fn stem(&mut self) -> String {
        let a = FIRST[self.rng.below(FIRST.len())];
        let b = SECOND[self.rng.below(SECOND.len())];
        format!("{a}{b}")
    }

    /// A town name by type (0 street office, 1 town, 2 township).
    pub(crate) fn town(&mut self, kind: usize) -> String {
        let suffix = match kind {
            0 => "街道",
            1 => "镇",
            _ => "乡",
        };
        format!("{}{suffix}", self.stem())
    }

    /// A community (urban) or village (rural) name.
    pub(crate) fn community(&mut self, urban: bool) -> String {
        format!("{}{}", self.stem(), if urban { "社区" } else { "村" })
    }
}
