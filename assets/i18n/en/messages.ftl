# messages: the sentences the desk says. Status-bar messages and errors, form hints and
# errors, what a save did, the timeline, the shift handover, reminders and deadline errors.
# English here is the desk's English; the command line prints its own.

## The status bar
msg-load-failed = could not load the desk: { $error }
msg-not-saved = not saved: { $error }
msg-not-saved-kept = not saved: { $error } — your text is kept
msg-no-editor = no editor: { $error }; set $VISUAL or $EDITOR, or use { $key } for a short note
msg-paste-cut = the paste was cut to its first { $count } { $count ->
        [one] character
       *[other] characters
    }; write long text in $EDITOR with { $key }
msg-no-ticket = no ticket is open: pick one in the Queue with { $open }, or log a call with { $new_call }
msg-no-promise = no promise selected: pick one in the Promises pane
msg-caller-added = { $name } added
msg-ticket-opened = { $key } opened for { $caller }; the call is logged
msg-editor-empty = the editor returned no text; nothing was saved
msg-editor-failed = the editor exited with an error; { $enter } saves this text, { $esc } drops it
msg-callback-needs-ticket = no ticket is open: log the caller's message with { $new_call } first
msg-callback-config = callback_within in the config: { $error }
msg-draft-back = Your unsaved { $form } from { $when } is back: { $enter } saves it, { $esc } discards it
msg-db-waiting = waiting for the database: another program is writing to it
msg-db-waiting-for = waiting for the database: { $holder } is writing to it
msg-save-waiting = { $waiting } — your text is kept and saved as soon as it is free
msg-draft-not-kept = the draft could not be kept: { $error } — the form still holds your text

## Copying with y
msg-copy-off = copying is turned off (clipboard = false in the config)
msg-copied = copied { $what } to the clipboard
msg-not-copied = nothing copied: { $reason }
copy-phone = { $name }'s phone { $phone }
copy-no-caller = no caller is shown
copy-no-phone = { $name } has no phone number
copy-queue-empty = the queue is empty
copy-no-promise = no promise is selected
copy-no-ticket = no ticket is open

## What a save did
done-call-logged = call logged on { $key }
done-note = note saved
done-status = status: { $status }
done-priority = priority P{ $priority } (impact { $impact } × urgency { $urgency })
done-category = category: { $category }
done-assigned = assigned to { $agent }
done-promised = promised to { $to } by { $when }
done-kept = kept: { $what }
done-rescheduled = rescheduled to { $when }
done-cancelled = cancelled: { $what }
# What a callback request promises; it is saved with the promise.
callback-what = call back about: { $subject }

## Store errors as the desk shows them
store-database = database: { $detail }
store-not-found = not found: { $what }
store-promise-closed = that promise is already { $state }
store-conflict-settled = { $by } settled this conflict already; the ticket shows what was kept
store-disk-full = the disk holding { $path } is full; free some space there and try again
store-busy = another balie process is writing to { $path } (an import, a backup or balie forget can take a while); try again in a moment
store-read-only = { $path } is read-only for you (the file, or its folder); ask for write access to both
store-damaged = { $path } is damaged ({ $detail }); ask whoever looks after the desk to run balie check on it

## Forms
form-required-name = a name is required
form-required-subject = a subject is required
form-required-note = the note is required
form-required-what = what was promised is required
form-required-to = who it is promised to is required
form-required-reason = a reason is required
form-text-too-long = this is { $length } characters long; at most { $limit } fit
form-text-one-line = this must be one line
form-text-control = this holds a control character ({ $character }); remove it
form-new-caller-hint = several phones, e-mails or identifiers: separate them with ;
form-promise-hint = by when: +2h, +30m, +4bh (business hours), { $time }, tomorrow 9:00, fri 14:00, { $date } 10:00
form-promise-context = { $key } · { $what } · to { $to } ({ $channel })
form-priority-hint = priority follows from the matrix in the config, e.g. impact 2 × urgency 2 → P{ $priority }
form-assign-hint = leave empty to take it yourself ({ $me })

## Reminders
reminder-due-at = due { $time }
reminder = { $key } { $to } — { $what } ({ $when })

## The timeline of a ticket
timeline-opened = opened: { $text }
timeline-call-in = ☎ inbound call
timeline-call-out = ☎ outbound call
timeline-email-in = ☎ inbound e-mail
timeline-email-out = ☎ outbound e-mail
timeline-visit-in = ☎ inbound visit
timeline-visit-out = ☎ outbound visit
timeline-note = note: { $text }
timeline-status = status { $from } → { $to }
timeline-priority = priority P{ $from } → P{ $to } (impact { $impact } × urgency { $urgency })
timeline-category = category { $from } → { $to }
timeline-assignee = assignee { $from } → { $to }
timeline-subject = subject “{ $from }” → “{ $to }”
timeline-caller-merged = caller { $from } merged into { $to }
timeline-conflict-settled = { $field }: { $value } stays, over { $over }
timeline-renumbered = provisional key { $from } is now { $to } (both find it)
timeline-promised = promised by { $when }: { $text }
timeline-kept = kept: { $text }
timeline-kept-late = kept (late): { $text }
timeline-moved = promise moved { $from } → { $to }
timeline-cancelled = promise cancelled

## The shift handover
handover-title = Shift handover
handover-head = Handover from { $agent } — next shift starts { $when }
handover-promises = Promises due before then ({ $count }):
handover-tickets = Open tickets ({ $count }):
handover-none = none
handover-promise = { $due } { $ticket } { $channel } to { $to }: { $what }
handover-sla-breached = SLA breached { $h }h{ $m }m ago
handover-sla-left = SLA { $h }h{ $m }m left

## Deadlines the agent types
deadline-empty = type when, e.g. +2h, +30m, tomorrow 9:00, fri 14:00
deadline-not-understood = `{ $text }` not understood — write +2h, +1h30m, +4bh, +2wd, 15:00, today 15:00, tomorrow, tomorrow 9:00, fri, fri 14:00, YYYY-MM-DD or YYYY-MM-DD HH:MM
deadline-passed-today = { $time } has already passed today — write `tomorrow { $time }`
deadline-passed = { $when } is in the past
deadline-invalid-time = `{ $text }` is not a time: { $reason }
deadline-hours = hours go from 0 to 23
deadline-minutes = minutes go from 00 to 59
deadline-not-a-time = not a time of day
deadline-invalid-date = `{ $text }` is not a date on the calendar
deadline-nonexistent = { $local } does not exist in { $tz }: the clocks jump forward then — pick another time
deadline-zero = `{ $text }` adds up to no time at all — write e.g. +30m or +2h
deadline-too-far = `{ $text }` is too far ahead

# Correcting the record: subjects, callers, merges and the roster.
form-edit-subject = Edit subject
form-edit-caller = Edit caller
form-edit-caller-hint = every change is kept in the caller's history; separate several values with ;
form-merge = Merge callers
field-keep = keep
form-merge-hint = { $other } and { $keep } are one person: the tickets, promises, phones and e-mails of the one not kept move to the one kept
msg-no-caller = no caller is shown: open a ticket, or log a call with { $new_call }
form-assign-agents = agents: { $agents }
form-assign-none = no agent by that name ({ $mark } in front adds a new one)
form-assign-complete = { $key } completes · { $mark }name adds a new agent
form-required-agent = name the new agent after the { "+" }
form-assign-several = which agent? { $agents }
form-assign-unknown = there is no agent { $name }; type { $mark }{ $name } to add a new one
done-subject = subject changed
done-caller-edited = { $name } changed
done-caller-unchanged = nothing changed
done-merged = { $other } merged into { $keep } ({ $tickets } tickets moved)
form-settle = Settle { $field }
form-settle-option = { $value } ({ $by }, { $at })
form-settle-hint = two desks set this apart; the first is the value that stands now. Every desk learns your choice.
msg-no-conflict = { $key } has no conflicts to settle
done-settled = { $field }: { $value } stays
