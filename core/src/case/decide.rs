//! `Case::decide`: check a command against the case, the policy and the calendar and
//! return the facts it produces (or why not). Nothing changes until the facts are applied.

use super::authorization::authorize;
use super::command::{Command, Op};
use super::error::CaseError;
use super::fact::Fact;
use super::state::Case;
use super::{CaseContext, flow, tickets, tiers};

impl Case {
    /// The facts `cmd` produces on this case, or why it is refused. `report` is not a
    /// decision on an existing case ([`super::CaseBook`] handles it).
    pub fn decide(&self, cmd: &Command, ctx: &CaseContext<'_>) -> Result<Vec<Fact>, CaseError> {
        cmd.check()?;
        if cmd.case != self.id {
            return Err(cmd.invalid("the command names another case"));
        }
        if cmd.op == Op::Report {
            return Err(CaseError::CaseExists(self.id.clone()));
        }
        if cmd.at < self.last_at {
            return Err(cmd.invalid(format!(
                "at {} is before the case's last fact ({})",
                cmd.at.to_rfc3339(),
                self.last_at.to_rfc3339()
            )));
        }
        authorize(ctx.policy, self, cmd)?;
        let events = match cmd.op {
            Op::Report => unreachable_report(self)?,
            Op::Accept | Op::Start | Op::Resolve => flow::handler_step(self, cmd)?,
            Op::Assess => tiers::assess(self, cmd)?,
            Op::Claim => tickets::claim(self, cmd, ctx)?,
            Op::Dispatch => tickets::dispatch(self, cmd, ctx)?,
            Op::Delegate => tickets::delegate(self, cmd, ctx)?,
            Op::Summon => tickets::summon(self, cmd, ctx)?,
            Op::CheckIn => tickets::check_in(self, cmd)?,
            Op::SendBack => tickets::send_back(self, cmd)?,
            Op::Verify => flow::verify(self, cmd)?,
            Op::Close => flow::close(self, cmd)?,
            Op::Reopen | Op::Suspend | Op::Resume | Op::Extend | Op::Void => flow::exception(cmd)?,
            Op::Supervise => flow::supervise(cmd)?,
            Op::Merge => flow::merge(self, cmd)?,
            Op::Feedback | Op::Rate => flow::feedback_or_rate(self, cmd)?,
        };
        Ok(events
            .into_iter()
            .map(|event| Fact {
                case: self.id.clone(),
                command: Some(cmd.id.clone()),
                at: cmd.at,
                actor: Some(cmd.actor.clone()),
                event,
            })
            .collect())
    }
}

fn unreachable_report(case: &Case) -> Result<Vec<super::fact::Event>, CaseError> {
    Err(CaseError::CaseExists(case.id.clone()))
}
