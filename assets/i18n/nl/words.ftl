# words: de namen van dingen op de balie. Zelfde ids als en/words.ftl (getest).

## Status van een melding
status-new = nieuw
status-open = open
status-waiting-caller = wacht op beller
status-waiting-third-party = wacht op derde partij
status-resolved = opgelost
status-closed = gesloten

## Kanalen
channel-phone = telefoon
channel-email = e-mail
channel-visit = bezoek

## Toezeggingen
promise-state-open = open
promise-state-kept = nagekomen
promise-state-rescheduled = verplaatst
promise-state-cancelled = ingetrokken

## Herinneringen
alert-warning = bijna verlopen
alert-due = verloopt nu

## Soorten gebeurtenissen op de tijdlijn
event-created = melding geopend
event-contact-in = inkomend
event-contact-out = uitgaand
event-note = notitie
event-status = status
event-priority = prioriteit
event-category = categorie
event-assignee = behandelaar
event-subject = onderwerp
event-caller-merged = beller samengevoegd
event-conflict-settled = conflict beslist
event-renumbered = hernummerd
event-promise-made = toegezegd
event-promise-kept = nagekomen
event-promise-rescheduled = verplaatst
event-promise-cancelled = ingetrokken

## Filters van de wachtrij
filter-mine = mijn
filter-all-open = alle open
filter-waiting = wachtend

## Termijnen in het teamoverzicht
bucket-overdue = te laat
bucket-due-today = vandaag
bucket-tomorrow = morgen
bucket-later = later

## Impact en urgentie
impact-1 = 1 hele organisatie
impact-2 = 2 een afdeling of locatie
impact-3 = 3 een team
impact-4 = 4 één persoon, kan niet werken
impact-5 = 5 één persoon, klein
urgency-1 = 1 werk ligt nu stil
urgency-2 = 2 binnen enkele uren
urgency-3 = 3 vandaag
urgency-4 = 4 deze week
urgency-5 = 5 kan wachten

## Opdrachten
command-new-call = gesprek aannemen: beller zoeken of toevoegen, melding openen of kiezen
command-find-ticket = melding zoeken op kenmerk, nummer of woorden uit het onderwerp
command-note = notitie toevoegen aan de actieve melding
command-note-editor = lange notitie schrijven in $EDITOR
command-status = status van de actieve melding wijzigen
command-priority = impact en urgentie kiezen (de prioriteit volgt)
command-category = categorie van de actieve melding kiezen
command-assign = actieve melding toewijzen aan een behandelaar
command-subject = onderwerp van de actieve melding aanpassen
command-edit-caller = naam, organisatie, telefoons, e-mails en kenmerken van de beller aanpassen
command-merge-caller = een andere beller samenvoegen met de getoonde (één persoon, twee keer opgenomen)
command-settle = een conflict op de melding beslissen: welke van twee apart gezette waarden blijft
command-promise = de beller iets toezeggen met een deadline
command-callback = bericht van de beller omzetten in een terugbelverzoek (termijn uit de config)
command-callbacks = toezeggingen: terugbelverzoeken op volgorde van binnenkomst / alle toezeggingen
command-kept = gekozen toezegging als nagekomen markeren (legt het contact vast)
command-reschedule = gekozen toezegging naar een nieuwe deadline verplaatsen
command-cancel-promise = gekozen toezegging intrekken, met reden
command-handover = dienstoverdracht: mijn open meldingen en toezeggingen vóór mijn volgende dienst
command-copy = kenmerk van de gekozen melding kopiëren, of in het Beller-paneel het telefoonnummer
command-review = teamoverzicht: conflicten om te beslissen, open toezeggingen per behandelaar, nagekomen in 7 en 30 dagen
command-mine = wachtrij: mijn open meldingen
command-all-open = wachtrij: alle open meldingen
command-waiting = wachtrij: meldingen die wachten op de beller of een derde partij
command-focus-next = naar het volgende paneel
command-focus-previous = naar het vorige paneel
command-down = omlaag
command-up = omhoog
command-open = gekozen melding openen
command-back = venster sluiten of bericht wissen
command-help = alle toetsen en opdrachten tonen
command-palette = elke opdracht op naam uitvoeren
command-suspend = naar de shell (terug met fg)
command-kb = kennisbank doorzoeken naast de melding; artikel openen, in een notitie zetten of sturen
command-script = probleemscript doorlopen op de actieve melding, of het onderbroken script hervatten
command-escalate = melding doorzetten naar de volgende lijn of een groep, met een ingevulde notitie voor hen
command-incident = groot incident: er een maken van gelijke meldingen, of het actieve tonen met zijn bellers
command-link-incident = actieve melding koppelen aan een groot incident
command-line = wachtrij: volgende lijn of groep (eerste lijn, tweede lijn, elke groep, alles)
command-quit = balie afsluiten
picker-command-close = de zoekopdracht sluiten
picker-command-next = volgende regel
picker-command-previous = vorige regel
picker-command-pick = de gekozen regel nemen
form-command-cancel = het formulier annuleren
form-command-next-field = volgend veld
form-command-previous-field = vorig veld
form-command-submit = volgend veld; op het laatste bewaren
form-command-new-line = nieuwe regel in een notitie of in wat de beller zei
form-hint-new-line = { $key } nieuwe regel
choice-command-previous-option = vorige keuze
choice-command-next-option = volgende keuze
text-command-down = een regel omlaag
text-command-up = een regel omhoog
text-command-page-down = een pagina omlaag
text-command-page-up = een pagina omhoog
text-command-top = terug naar het begin
text-command-close = de tekst sluiten
list-command-next = volgende rij
list-command-previous = vorige rij
list-command-open = de gekozen rij openen of nemen
list-command-close = de lijst sluiten
script-command-answer = antwoorden; aan het eind, het einde uitvoeren
script-command-back = terug naar de vorige stap
script-command-leave = het script voor later laten
kb-command-new-article = een nieuw artikel schrijven
kb-command-edit-article = het gekozen artikel bewerken
article-command-insert = het artikel in een notitie zetten
article-command-send = het artikel vastleggen als verstuurd aan de beller
article-command-edit = het artikel bewerken
article-command-back = terug naar het zoeken
article-command-close = het artikel sluiten

## Formulieren
form-new-caller = Nieuwe beller
form-new-ticket = Nieuwe melding
form-note = Notitie
form-log-call = Gesprek op { $key }
form-callback = Terugbelverzoek op { $key }
form-callback-context = De beller krijgt een terugbelbelofte voor { $when }; wat hij zei blijft bij het gesprek.
form-promise = Toezegging
form-keep = Toezegging nakomen
form-reschedule = Toezegging verplaatsen
form-cancel = Toezegging intrekken
form-status = Status
form-priority = Impact en urgentie
form-category = Categorie
form-assign = Toewijzen

## Velden: het formulier geeft ze 20 tekens, pijl en dubbele punt inbegrepen
field-name = naam
field-organisation = organisatie
field-phone = telefoon
field-email = e-mail
field-identifiers = kenmerken
field-subject = onderwerp
field-note = notitie
field-said = beller zei
field-message = bericht
field-what = wat
field-to-whom = aan wie
field-channel = kanaal
field-by-when = uiterlijk
field-outcome = uitkomst (evt.)
field-new-deadline = nieuwe deadline
field-reason = reden
field-status = status
field-impact = impact
field-urgency = urgentie
field-category = categorie
field-agent = behandelaar

## Uitkomst van een toezegging

outcome-open = open
outcome-kept-on-time = op tijd nagekomen
outcome-kept-late = te laat nagekomen
outcome-broken = niet nagekomen
outcome-cancelled-in-time = op tijd geannuleerd
outcome-rescheduled-in-time = op tijd verzet
