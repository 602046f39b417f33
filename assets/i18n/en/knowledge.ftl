# Recognition, outages and major incidents, escalation, first-contact resolution.

event-escalated = escalated
event-incident-linked = linked to incident
timeline-escalated = escalated to { $group } (line { $tier })
timeline-incident-linked = linked to major incident { $key }
