# Tudásbázis: cikkek, keresés és a cikk panel.

event-article-sent = cikk elküldve
timeline-article-sent = cikk elküldve a hívónak: { $title }

kb-title = Tudásbázis
kb-prompt = a probléma szavai; a cím és a címkék számítanak leginkább:
kb-none = nincs ilyen cikk · { $new } új cikket ír
kb-own = saját
kb-some-skipped = { $count ->
    [one] egy cikkfájl kimaradt, lásd az állapotsort
   *[other] { $count } cikkfájl kimaradt, lásd az állapotsort
}
kb-key-choose = választás
kb-key-open = megnyitás
kb-key-new = új
kb-key-edit = szerkesztés
kb-key-close = bezár
kb-key-back = vissza
kb-key-scroll = görgetés
kb-key-page = lapozás
kb-key-insert = jegyzetbe
kb-key-send = elküldve
kb-usage = { $opened }× megnyitva · { $callers ->
    [one] egy hívónak
   *[other] { $callers } hívónak
} elküldve, { $back } újra hívott
kb-sent = rögzítve a jegyen: a cikk elküldve a hívónak ({ $title })
kb-edited = mentve ide: { $file }; a cikkek újra beolvasva
kb-editor-failed = a cikk nem lett szerkesztve: { $error }
kb-no-folder = nincs mappa a saját cikkeknek: állítsa be a knowledge_folder értékét
kb-new-title = Új cikk
kb-index-failed = a cikkek indexe nem frissült: { $error }
kb-skipped = kihagyott cikk: { $file }, { $line }. sor: { $reason }
kb-skipped-more = (még { $count } kihagyva)
kb-problem-no-front-matter = a fájlnak három kötőjeles sorral (---) kell kezdődnie, utána title: és tags:
kb-problem-unclosed = a --- sorral kezdődő blokkot nem zárja egy második --- sor
kb-problem-not-key-value = „név: érték” formát vártunk (title:, tags: vagy summary:)
kb-problem-unknown-key = ismeretlen mező: „{ $key }” (title:, tags: vagy summary: használható)
kb-problem-no-title = a cikkből hiányzik a title: sor
kb-problem-unreadable = nem olvasható ({ $error })
caller-article-sent = elküldve: „{ $title }” { $when } — { $back ->
    [yes] azóta újra hívott
   *[no] azóta nem hívott
}
