# Probleemscripts.

event-script-started = script gestart
event-script-answer = antwoord in script
event-script-left = script onderbroken
event-script-finished = script afgerond
timeline-script-started = script gestart: { $title }
timeline-script-answer = { $question } → { $answer }
timeline-script-left = script onderbroken, later verder: { $title }
timeline-script-finished = script afgerond: { $title }

script-picker-title = Scripts · { $key }
script-resume = Verder met: { $title } (stap { $step })
script-own = eigen
script-picker-hint = { $choose } kiezen  { $enter } starten  { $esc } sluiten
script-picker-errors = Eigen scripts overgeslagen ({ $count }):
script-changed = Het script is gewijzigd sinds het werd onderbroken ({ $step } bestaat niet meer of had een ander antwoord); verder vanaf de laatste stap die past.
script-step = Stap { $step }
script-so-far = Tot nu toe
script-choice-hint = { $keys } antwoorden  { $back } terug  { $esc } later verder
script-text-hint = { $enter } antwoorden  { $back } terug  { $esc } later verder
script-text-prompt = Typ wat de beller zegt:
script-text-required = typ eerst het antwoord van de beller
script-resolution = Voorgestelde oplossing
script-escalation = Escaleren naar { $group }
script-escalation-next-line = Escaleren naar de volgende lijn
script-resolution-hint = { $enter } als notitie toevoegen  { $esc } sluiten
script-escalation-hint = { $enter } nu escaleren  { $esc } sluiten
script-note-context = Voorgesteld door het script: pas het aan, { $enter } slaat op. Daarna zet { $status } de status.
script-not-known = (onbekend)
script-no-last-contact = geen eerder contact
msg-script-left = Script onderbroken; { $key } gaat verder.
msg-script-escalate-later = Escaleer als je zover bent: { $key }.
msg-script-gone = Het script { $script } dat op dit ticket openstaat, bestaat niet meer.
