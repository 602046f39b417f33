# Troubleshooting scripts.

event-script-started = script started
event-script-answer = script answer
event-script-left = script left
event-script-finished = script finished
timeline-script-started = script started: { $title }
timeline-script-answer = { $question } → { $answer }
timeline-script-left = script left for later: { $title }
timeline-script-finished = script finished: { $title }

script-picker-title = Scripts · { $key }
script-resume = Resume: { $title } (step { $step })
script-own = own
script-picker-hint = { $choose } choose  { $enter } start  { $esc } close
script-picker-errors = Own scripts skipped ({ $count }):
script-changed = The script changed since it was left ({ $step } is gone or answered differently); resuming from the last step that fits.
script-step = Step { $step }
script-so-far = So far
script-choice-hint = { $keys } answer  { $back } back  { $esc } leave for later
script-text-hint = { $enter } answer  { $back } back  { $esc } leave for later
script-text-prompt = Type what the caller says:
script-text-required = type the caller's answer first
script-resolution = Suggested resolution
script-escalation = Escalate to { $group }
script-escalation-next-line = Escalate to the next line
script-resolution-hint = { $enter } add as a note  { $esc } close
script-escalation-hint = { $enter } escalate now  { $esc } close
script-note-context = Suggested by the script: edit it, { $enter } saves. Then { $status } sets the status.
script-not-known = (not known)
script-no-last-contact = none on record
msg-script-left = Script left for later; { $key } resumes it.
msg-script-escalate-later = Escalate when ready: { $key }.
msg-script-gone = The script { $script } left on this ticket no longer exists.
