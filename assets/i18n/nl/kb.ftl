# De kennisbank: artikelen, zoeken en het artikelpaneel.

event-article-sent = artikel gestuurd
timeline-article-sent = artikel naar de beller gestuurd: { $title }

kb-title = Kennisbank
kb-prompt = woorden van het probleem; titels en tags tellen het zwaarst:
kb-none = geen artikel gevonden · { $new } schrijft een nieuw
kb-own = eigen
kb-some-skipped = { $count ->
    [one] één artikelbestand is overgeslagen, zie de statusregel
   *[other] { $count } artikelbestanden zijn overgeslagen, zie de statusregel
}
kb-key-choose = kiezen
kb-key-open = openen
kb-key-new = nieuw
kb-key-edit = bewerken
kb-key-close = sluiten
kb-key-back = terug
kb-key-scroll = scrollen
kb-key-page = pagina
kb-key-insert = in notitie
kb-key-send = naar beller
kb-usage = { $opened }× geopend · naar { $callers ->
    [one] één beller
   *[other] { $callers } bellers
} gestuurd, { $back } belden terug
kb-sent = vastgelegd op het ticket: artikel naar de beller gestuurd ({ $title })
kb-edited = opgeslagen in { $file }; de artikelen zijn opnieuw gelezen
kb-editor-failed = het artikel is niet bewerkt: { $error }
kb-no-folder = geen map voor eigen artikelen: stel knowledge_folder in de config in
kb-new-title = Nieuw artikel
kb-index-failed = de artikelindex is niet bijgewerkt: { $error }
kb-skipped = artikel overgeslagen: { $file }, regel { $line }: { $reason }
kb-skipped-more = ({ $count } meer overgeslagen)
kb-problem-no-front-matter = het bestand moet beginnen met een regel van drie streepjes (---) en dan title: en tags:
kb-problem-unclosed = het blok dat met --- begint, wordt niet gesloten met een tweede regel ---
kb-problem-not-key-value = verwacht "naam: waarde" (title:, tags: of summary:)
kb-problem-unknown-key = onbekend veld "{ $key }" (gebruik title:, tags: of summary:)
kb-problem-no-title = het artikel heeft geen regel title:
kb-problem-unreadable = kan niet gelezen worden ({ $error })
caller-article-sent = '{ $title }' gestuurd { $when } — { $back ->
    [yes] heeft sindsdien weer gebeld
   *[no] niet meer gebeld
}
