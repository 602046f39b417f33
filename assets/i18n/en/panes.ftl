# panes: what src/ui draws around the data — titles, column headers, empty states and hints.
# Titles and column headers sit in narrow panes at 80×24: keep translations as short as these.
# Key names (j/k, Enter, Esc, ↑/↓) arrive as variables, so translations only move them.
# Fluent trims spaces at either end of a message; the code adds the padding it needs.

## The split view

too-small = terminal too small
too-small-need = need { $min_width }×{ $min_height }, have { $width }×{ $height }

## Queue

queue-title = Queue
queue-col-key = key
queue-col-caller = caller
queue-col-subject = subject
queue-col-status = status
queue-col-status-short = st
queue-col-priority = P
queue-col-age = age
queue-col-sla = SLA
queue-priority = P{ $priority }
# Statuses in the 8-letter column of a wide queue.
queue-status-new = new
queue-status-open = open
queue-status-waiting-caller = wait clr
queue-status-waiting-third = wait 3rd
queue-status-resolved = resolved
queue-status-closed = closed
# Statuses in the 4-letter column of a narrow queue.
queue-status-tiny-new = new
queue-status-tiny-open = open
queue-status-tiny-waiting-caller = w/c
queue-status-tiny-waiting-third = w/3
queue-status-tiny-resolved = res
queue-status-tiny-closed = cls

## Active ticket

ticket-title = Active ticket
ticket-none-open = No ticket open.
ticket-open-hint = { $key } on a ticket in the Queue opens it;
ticket-new-call-hint = { $key } logs a new call.
ticket-status-line = status: { $status }   priority: P{ $priority } (impact { $impact } × urgency { $urgency })
ticket-category-line = category: { $category }   assignee: { $assignee }
ticket-caller-line = caller: { $caller }   opened { $opened }
ticket-sla = SLA
ticket-sla-response = response:
ticket-sla-resolution = resolution:
ticket-sla-due = (due { $when })
ticket-promise = promise: { $what } — by { $when } ({ $countdown })
ticket-timeline = timeline

## Caller

caller-title = Caller
caller-none = The caller of the active ticket shows here.
caller-prior-contacts = Prior contacts ({ $count })
caller-recent =
    { $count ->
        [one] 1 contact in { $days } days
       *[other] { $count } contacts in { $days } days
    }{ $open ->
        [0] {""}
       *[other] , { $open } about open tickets
    }
caller-last-promise = last promise: { $what } — { $outcome }
caller-open-tickets =
    { $count ->
        [one] 1 open ticket
       *[other] { $count } open tickets
    }

## Promises

promises-title = Promises
promises-summary = { $open } open · { $overdue } overdue
promises-callbacks = callback requests, first come first served · { $count }
promises-col-countdown = countdown
promises-col-due = due
promises-col-what = what
promises-col-to = to
promises-col-ticket = ticket
promises-col-owner = owner
promises-col-channel-owner = channel · owner

## SLA clocks in a narrow column

sla-met = met
sla-over = over { $span }

## Status bar

status-figures =
    { $open ->
        [one] 1 open ticket
       *[other] { $open } open tickets
    } · my promises: { $today } due today,
status-overdue = { $count } overdue
status-team-synced = team ● synced { $seconds }s ago
status-team-offline = team ○ offline since { $since }
status-team-waiting = { $count ->
    [one] 1 change waiting
   *[other] { $count } changes waiting
}
status-team-conflicts = { $count ->
    [one] 1 conflict
   *[other] { $count } conflicts
}
ticket-conflict = ⚠ { $field }: { $kept_by } set { $kept } { $kept_at }; { $lost_by } set { $lost } { $lost_at }. { $kept } stands for now: keep which? { $key }
ticket-present = ● { $names } on this ticket now
ticket-apart = ⚑ { $name } also worked on this while your desks were apart (until { $when }): read the timeline before you call back
# The word after each key in the hint line; English shows the command's palette name.
status-hint-new-call = new-call
status-hint-open = open
status-hint-mine = mine
status-hint-all-open = all-open
status-hint-waiting = waiting
status-hint-kept = kept
status-hint-reschedule = reschedule
status-hint-cancel-promise = cancel-promise
status-hint-note = note
status-hint-promise = promise
status-hint-status = status
status-hint-priority = priority
status-hint-copy = copy
status-hint-help = help
status-hint-palette = palette
status-hint-quit = quit
status-hint-focus-next = focus-next

## Reminder banner

banner-reminder = { $ticket } { $to } — { $what }: due { $due }, reminded { $reminded }
banner-not-acted = , not acted
banner-more = (+{ $count } more; Promises pane: { $kept } keeps, { $reschedule } reschedules)
banner-more-short = (+{ $count } more)

## Welcome

welcome-title = Welcome
welcome-heading = Welcome to balie
welcome-first-call = Press { $key } to log your first call: find or add the caller, then a subject.
welcome-demo = To look around first, quit with { $quit } and run { $demo }.
welcome-keys = { $help } shows every key, { $palette } runs a command by name.

## Help and text popups

help-title = Help
help-intro = Every command runs from its key or from the palette (:name).
help-hint = { $scroll } scroll · { $esc } or { $help } closes
help-picker = In a search [keys.picker]
help-form = In a form [keys.form]
help-choice = In a choice field [keys.choice]
help-text = In the help, a text or an article [keys.text]
help-list = In a list [keys.list]
help-script = In a script [keys.script]
help-kb = In the knowledge base's search [keys.kb]
help-article = In an article [keys.article]
text-hint = { $scroll } scroll · { $esc } closes

## Command palette

palette-title = Command

## Find ticket

find-ticket-title = Find ticket
find-ticket-prompt = key, number or words of the subject (3 letters or more):
find-ticket-hint = type to search · { $choose } choose · { $enter } open · { $esc } cancel
find-ticket-none = no ticket found

## New call

new-call-title = New call — who is calling?
new-call-prompt = name, organisation, phone, e-mail or code:
new-call-hint = type to search · { $choose } choose · { $enter } take · { $esc } cancel
new-call-new-caller = new caller
new-call-new-caller-named = new caller "{ $query }"
new-call-no-match = no match — add "{ $query }" as a new caller
new-call-pick-title = New call — which ticket?
new-call-pick-label = { $name } has open tickets. Log this call on one of them, or open a new one:
new-call-the-caller = the caller
new-call-new-ticket = new ticket
new-call-ago = { $age } ago

## Forms

form-hint-next = { $key } next field
form-hint-choose = { $key } choose
form-hint-save = { $key } saves
form-hint-save-last = { $key } on the last field saves
form-hint-cancel = { $key } cancels

## Review

review-title = Review — open promises per agent
review-week = 7 days: { $record }
review-month = 30 days: { $record }
review-record = made { $made }, kept on time { $kept }, late { $late }, broken { $broken }, rate { $rate }
review-no-record = no promises made
review-empty = No open promises and no promises made in the last 30 days.
review-sla = SLA: breached or about to breach ({ $count })
review-unacted = Reminders nobody acted on ({ $count })
review-unacted-line = { $owner } { $ticket } { $to } — { $what }: due { $due }, reminded { $reminded } ({ $kind })
review-conflicts = Conflicts to settle ({ $count }): open the ticket, then { $key }
review-conflict = { $ticket } { $field }: { $kept_by } set { $kept }, { $lost_by } set { $lost }
review-team-online = Team figures from this desk's copy, synced { $when }
review-team-offline = Team figures from this desk's copy: offline since { $since }, last synced { $pulled }
review-team-never = Team figures from this desk's copy: not synced yet
review-hint = { $choose } choose · { $enter } opens · { $esc } closes · to print: { $overdue }, { $report }

merge-title = Merge with { $name }
merge-prompt = the other entry of this person: name, phone, e-mail or identifier
merge-hint = type to search · { $choose } choose · { $enter } merge · { $esc } cancel
merge-nothing-typed = no likely duplicates; type to search
merge-none = no caller found
caller-duplicate = also on the desk as { $name } ({ $value })? { $key } merges
