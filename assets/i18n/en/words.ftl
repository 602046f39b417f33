# words: the names of things on the desk. Statuses, channels, timeline events, review
# buckets, impact and urgency steps, command descriptions, form titles and field labels.
# English here is what the command line prints too (it keeps its own `label()`s).

## Ticket status
status-new = new
status-open = open
status-waiting-caller = waiting on caller
status-waiting-third-party = waiting on third party
status-resolved = resolved
status-closed = closed

## Contact channels
channel-phone = phone
channel-email = e-mail
channel-visit = visit

## Promise states
promise-state-open = open
promise-state-kept = kept
promise-state-rescheduled = rescheduled
promise-state-cancelled = cancelled

## Reminder kinds
alert-warning = due soon
alert-due = due now

## Timeline event kinds
event-created = ticket opened
event-contact-in = inbound
event-contact-out = outbound
event-note = note
event-status = status
event-priority = priority
event-category = category
event-assignee = assignee
event-subject = subject
event-caller-merged = caller merged
event-conflict-settled = conflict settled
event-renumbered = renumbered
event-promise-made = promised
event-promise-kept = kept
event-promise-rescheduled = rescheduled
event-promise-cancelled = cancelled

## Queue filters
filter-mine = mine
filter-all-open = all open
filter-waiting = waiting

## The team review's deadline buckets
bucket-overdue = overdue
bucket-due-today = due today
bucket-tomorrow = tomorrow
bucket-later = later

## Impact and urgency run from 1 (highest) to 5; each choice starts with its number,
## which the agent may type to jump to it.
impact-1 = 1 whole organisation
impact-2 = 2 a department or site
impact-3 = 3 a team
impact-4 = 4 one person, blocked
impact-5 = 5 one person, minor
urgency-1 = 1 work stopped now
urgency-2 = 2 within hours
urgency-3 = 3 today
urgency-4 = 4 this week
urgency-5 = 5 can wait

## Command descriptions, for the help screen and the palette
command-new-call = log an incoming call: find or add the caller, open or pick a ticket
command-find-ticket = find a ticket by its key, number or words of its subject
command-note = add a note to the active ticket
command-note-editor = write a long note in $EDITOR
command-status = change the status of the active ticket
command-priority = set impact and urgency (priority follows)
command-category = set the category of the active ticket
command-assign = assign the active ticket to an agent
command-subject = edit the subject of the active ticket
command-edit-caller = edit the caller's name, organisation, phones, e-mails and identifiers
command-merge-caller = merge another caller into the one shown (one person, two entries)
command-settle = settle a conflict on the ticket: keep which of two values set apart
command-promise = promise the caller something by a deadline
command-callback = turn the caller's message into a callback request (deadline from the config)
command-callbacks = promises pane: callback requests, first come first served / all promises
command-kept = mark the selected promise as kept (logs the contact)
command-reschedule = move the selected promise to a new deadline
command-cancel-promise = cancel the selected promise, with a reason
command-handover = shift handover: my open tickets and promises due before my next shift
command-copy = copy the selected ticket's key, or in the Caller pane the caller's phone
command-review = team review: conflicts to settle, open promises per agent, promises kept over 7 and 30 days
command-mine = queue: my open tickets
command-all-open = queue: all open tickets
command-waiting = queue: tickets waiting on the caller or a third party
command-focus-next = move focus to the next pane
command-focus-previous = move focus to the previous pane
command-down = move down
command-up = move up
command-open = open the selected ticket
command-back = close the popup or clear the message
command-help = show all keys and commands
command-palette = run any command by name
command-suspend = suspend to the shell (resume with fg)
command-kb = search the knowledge base beside the ticket; open, insert into a note or send an article
command-script = run a troubleshooting script on the active ticket, or resume the one left
command-escalate = hand the ticket to the next line or a group, with a pre-filled hand-off note
command-incident = major incident: declare one from similar tickets, or show the active one with its callers
command-link-incident = link the active ticket to a major incident
command-line = queue: next line or group (first line, level 2, each group, all)
command-quit = quit balie
picker-command-close = close the search
picker-command-next = next row
picker-command-previous = previous row
picker-command-pick = take the chosen row
form-command-cancel = cancel the form
form-command-next-field = next field
form-command-previous-field = previous field
form-command-submit = next field; on the last one, save
form-command-new-line = a new line in a note or in what the caller said
form-hint-new-line = { $key } new line
choice-command-previous-option = previous option
choice-command-next-option = next option
text-command-down = scroll down a line
text-command-up = scroll up a line
text-command-page-down = scroll down a page
text-command-page-up = scroll up a page
text-command-top = back to the top
text-command-close = close the text
list-command-next = next row
list-command-previous = previous row
list-command-open = open or take the chosen row
list-command-close = close the list
script-command-answer = answer; at the end, act on the ending
script-command-back = back to the step before
script-command-leave = leave the script for later
kb-command-new-article = write a new article
kb-command-edit-article = edit the chosen article
article-command-insert = put the article into a note
article-command-send = record the article as sent to the caller
article-command-edit = edit the article
article-command-back = back to the search
article-command-close = close the article

## Form titles
form-new-caller = New caller
form-new-ticket = New ticket
form-note = Note
form-log-call = Call on { $key }
form-callback = Callback request on { $key }
form-callback-context = The caller is promised a callback by { $when }; what they said is kept on the call.
form-promise = Promise
form-keep = Keep promise
form-reschedule = Reschedule promise
form-cancel = Cancel promise
form-status = Status
form-priority = Impact and urgency
form-category = Category
form-assign = Assign

## Field labels: the form gives them 20 cells, marker and colon included
field-name = name
field-organisation = organisation
field-phone = phone
field-email = e-mail
field-identifiers = identifiers
field-subject = subject
field-note = note
field-said = caller said
field-message = message
field-what = what
field-to-whom = to whom
field-channel = channel
field-by-when = by when
field-outcome = outcome (optional)
field-new-deadline = new deadline
field-reason = reason
field-status = status
field-impact = impact
field-urgency = urgency
field-category = category
field-agent = agent

## A promise's outcome

outcome-open = open
outcome-kept-on-time = kept on time
outcome-kept-late = kept late
outcome-broken = broken
outcome-cancelled-in-time = cancelled in time
outcome-rescheduled-in-time = rescheduled in time
