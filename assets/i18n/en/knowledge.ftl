# Recognition, outages and major incidents, escalation, first-contact resolution.

event-escalated = escalated
event-incident-linked = linked to incident
timeline-escalated = escalated to { $group } (line { $tier })
timeline-incident-linked = linked to major incident { $key }

# Recognition: the caller's earlier tickets like the one being opened.
earlier-best = Like { $key } of { $date }: { $subject } — { $outcome }
caller-similar = Earlier tickets like this ({ $count })

# Outage banner and major incidents.
banner-outage = { $callers } callers in { $minutes } min:
banner-outage-declare = { $key }: one major incident for all
banner-outage-link = { $key }: link them to { $incident }
form-incident = Major incident
form-incident-context = { $tickets ->
    [one] Links 1 ticket to a new major incident.
   *[other] Links { $tickets } tickets from { $callers } callers to a new major incident.
}
form-link = Link to a major incident
form-link-context = { $count ->
    [one] The ticket is linked to the incident you choose.
   *[other] { $count } tickets are linked to the incident you choose.
}
form-link-offer = This call looks like major incident { $key } '{ $subject }': save to link it, or cancel to keep it apart.
field-incident = Incident
form-resolve-incident = Resolve major incident { $key }
form-resolve-incident-context = { $count ->
    [one] 1 ticket linked to it is still open.
   *[other] { $count } tickets linked to it are still open.
}
field-linked = Linked tickets
resolve-linked-yes = { $count ->
    [one] resolve it with this note
   *[other] resolve all { $count } with this note
}
resolve-linked-no = leave them open
field-callbacks = Callbacks
resolve-callbacks-no = no callbacks
resolve-callbacks-yes = { $count ->
    [one] promise the caller a callback
   *[other] promise all { $count } callers a callback
}
resolve-callback-what = call back: the outage is resolved
incident-title = Major incident { $key }
incident-callers = { $count ->
    [one] 1 caller affected:
   *[other] { $count } callers affected:
}
incident-resolve-hint = { $key } resolves it; you then choose what happens to the linked tickets.
msg-no-outage = No outage on the banner and no ticket open to declare a major incident for.
msg-incident-is-major = This ticket is a major incident itself.
msg-no-incidents = No major incident is open; { $key } declares one.
done-incident-declared = { $count ->
    [one] Major incident { $key } declared, 1 ticket linked.
   *[other] Major incident { $key } declared, { $count } tickets linked.
}
done-linked = { $count ->
    [one] Linked to { $key }.
   *[other] { $count } tickets linked to { $key }.
}
done-incident-resolved = { $key } resolved; linked tickets left open.
done-incident-resolved-all = { $key } resolved with { $count } linked tickets.
done-incident-resolved-callbacks = { $key } resolved; { $count } callbacks promised.
done-incident-resolved-called = { $key } resolved with { $count } linked tickets; callbacks promised.
ticket-major = ‼ major incident · { $count } callers: { $callers }
ticket-in-incident = ⚑ part of major incident { $key } ({ $status }): { $subject }

# Escalation.
form-escalate = Escalate { $key }
escalate-context = The next line gets this hand-off with the ticket:
escalate-group = { $group } (line { $tier })
field-group = To
field-handoff = Add to hand-off
form-required-group = choose a group to escalate to
handoff-ticket = { $key } { $subject } — caller { $caller }, P{ $priority }
handoff-asked = Asked and answered:
handoff-tried = Tried:
handoff-article = sent article: { $title }
handoff-notes = Notes:
handoff-added = Agent: { $text }
done-escalated = { $key } escalated to { $group }.
ticket-line = line { $tier } · { $group } · { $transfers ->
    [0] not handed on
    [one] handed on once
   *[other] handed on { $transfers }×
}
line-all = all lines
line-tier = line { $tier }
msg-line-filter = Queue: { $line }.

# First-contact resolution on the ticket.
ticket-fcr-yes = ✓ resolved at first contact
ticket-fcr-pending = ✓ resolved at first contact (counts if not reopened before { $until })
ticket-fcr-later = resolved after { $contacts } contacts: not first-contact
ticket-fcr-reopened = reopened after resolving: not first-contact
