//! Outage detection: several different callers opening similar tickets within a short
//! window is one problem hitting many people, better handled as one major incident than
//! as separate tickets. Pure: the desk passes in the tickets opened within the window.

use chrono::{DateTime, Utc};

use crate::config::OutageRule;
use crate::domain::similarity::{Fingerprint, SIMILAR};
use crate::domain::{Id, Ticket};

/// A group of similar tickets from different callers, not yet linked to an incident.
#[derive(Clone, Debug, PartialEq)]
pub struct Outage {
    /// The words the group has in common, from its earliest ticket.
    pub subject: String,
    pub callers: usize,
    /// From the first of these tickets to now, in whole minutes.
    pub minutes: i64,
    /// Its tickets, oldest first.
    pub tickets: Vec<Id>,
    /// An open major incident that looks like the same problem, to link to instead of
    /// declaring a second one.
    pub incident: Option<Ticket>,
}

/// The largest group of similar recent tickets from at least `rule.callers` different
/// callers. `recent` holds the open tickets opened within the window, oldest first;
/// tickets already linked to an incident are left out, so a handled outage stops showing.
pub fn detect(
    recent: &[Ticket],
    incidents: &[Ticket],
    rule: OutageRule,
    now: DateTime<Utc>,
) -> Option<Outage> {
    let window = chrono::Duration::minutes(i64::from(rule.minutes));
    let candidates: Vec<&Ticket> = recent
        .iter()
        .filter(|t| t.incident_id.is_none() && !t.major && t.created_at >= now - window)
        .collect();
    if candidates.len() < rule.callers as usize {
        return None;
    }
    let prints: Vec<Fingerprint> = candidates
        .iter()
        .map(|t| Fingerprint::of(&t.subject))
        .collect();
    // Each pair is compared once; a ticket's group is itself and every ticket alike to it.
    let mut groups: Vec<Vec<usize>> = (0..prints.len()).map(|i| vec![i]).collect();
    for i in 0..prints.len() {
        for j in i + 1..prints.len() {
            if prints[i].similarity(&prints[j]) >= SIMILAR {
                groups[i].push(j);
                groups[j].push(i);
            }
        }
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    for mut group in groups {
        group.sort_unstable();
        let mut callers: Vec<&str> = group
            .iter()
            .filter_map(|&j| candidates[j].caller_id.as_deref())
            .collect();
        callers.sort_unstable();
        callers.dedup();
        if callers.len() >= rule.callers as usize
            && best.as_ref().is_none_or(|(n, _)| callers.len() > *n)
        {
            best = Some((callers.len(), group));
        }
    }
    let (callers, group) = best?;
    let first = candidates[group[0]];
    let incident = most_like(&prints[group[0]], incidents).cloned();
    Some(Outage {
        subject: first.subject.clone(),
        callers,
        minutes: (now - first.created_at).num_minutes().max(1),
        tickets: group.iter().map(|&j| candidates[j].id.clone()).collect(),
        incident,
    })
}

/// The open major incident whose subject is most like `subject`, if one is alike enough:
/// a new call about an ongoing outage is offered it.
pub fn incident_like<'a>(subject: &str, incidents: &'a [Ticket]) -> Option<&'a Ticket> {
    most_like(&Fingerprint::of(subject), incidents)
}

fn most_like<'a>(print: &Fingerprint, incidents: &'a [Ticket]) -> Option<&'a Ticket> {
    incidents
        .iter()
        .filter(|t| t.major && t.status.is_open())
        .map(|t| (t, print.similarity(&Fingerprint::of(&t.subject))))
        .filter(|(_, score)| *score >= SIMILAR)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(t, _)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;

    fn now() -> DateTime<Utc> {
        "2026-11-23T10:00:00Z".parse().unwrap_or_default()
    }

    fn ticket(n: usize, caller: &str, subject: &str, minutes_ago: i64) -> Ticket {
        let at = now() - chrono::Duration::minutes(minutes_ago);
        Ticket {
            id: format!("t{n}"),
            key: format!("T-{n}"),
            caller_id: Some(caller.to_string()),
            caller_name: caller.to_string(),
            subject: subject.to_string(),
            status: Status::New,
            impact: 3,
            urgency: 3,
            priority: 3,
            category: None,
            assignee: None,
            created_at: at,
            last_activity_at: at,
            tier: 1,
            group: None,
            major: false,
            incident_id: None,
        }
    }

    const RULE: OutageRule = OutageRule {
        callers: 3,
        minutes: 20,
    };

    #[test]
    fn fires_at_the_threshold_of_different_callers_and_not_below() {
        let mut recent = vec![
            ticket(1, "anna", "Internet down", 15),
            ticket(2, "bram", "Printer jams", 14),
            ticket(3, "csilla", "nincs internet, internet nem működik", 10),
        ];
        assert_eq!(detect(&recent, &[], RULE, now()), None, "two callers");
        // The same caller ringing again is not a third caller.
        recent.push(ticket(4, "anna", "internet still down", 5));
        assert_eq!(detect(&recent, &[], RULE, now()), None, "still two callers");

        recent.push(ticket(5, "daan", "Geen internet op kantoor", 2));
        let outage = detect(&recent, &[], RULE, now()).expect("three callers");
        assert_eq!(outage.callers, 3);
        assert_eq!(outage.subject, "Internet down");
        assert_eq!(outage.minutes, 15);
        assert_eq!(outage.tickets, ["t1", "t3", "t4", "t5"]);
    }

    #[test]
    fn tickets_outside_the_window_or_already_linked_do_not_count() {
        let mut linked = ticket(3, "csilla", "internet down", 5);
        linked.incident_id = Some("t9".into());
        let recent = vec![
            ticket(1, "anna", "Internet down", 45),
            ticket(2, "bram", "internet down", 10),
            linked,
            ticket(4, "daan", "internet down here too", 1),
        ];
        assert_eq!(detect(&recent, &[], RULE, now()), None);
    }

    #[test]
    fn a_matching_open_incident_is_offered() {
        let recent = vec![
            ticket(1, "anna", "VPN drops", 10),
            ticket(2, "bram", "vpn keeps dropping", 8),
            ticket(3, "csilla", "VPN dropped again", 3),
        ];
        let mut incident = ticket(9, "", "VPN outage: drops for everyone", 30);
        incident.major = true;
        incident.caller_id = None;
        let outage = detect(&recent, &[incident], RULE, now()).expect("an outage");
        assert_eq!(outage.incident.map(|t| t.key), Some("T-9".to_string()));
    }
}
