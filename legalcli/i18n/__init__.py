"""The program's own strings in English and Russian, and the choice of language."""

from __future__ import annotations

import os
from typing import Literal

# The languages of the program and of every text of a pack.  Defined here, at the
# bottom of the layers, so that the model, errors and renderers all take it from one place.
Lang = Literal["en", "ru"]
LANGS: tuple[Lang, ...] = ("en", "ru")

# key: (English, Russian).  A test fails when either is empty.
MESSAGES: dict[str, tuple[str, str]] = {
    "disclaimer": (
        "This is legal information, not legal advice, and not a substitute for a lawyer. "
        "The law and practice change often: check every point with a lawyer before acting.",
        "Это правовая информация, а не юридическая консультация, и она не заменяет юриста. "
        "Законы и практика часто меняются: перед любым шагом проверьте каждый пункт с юристом.",
    ),
    "as_of": ("As of", "На дату"),
    "pack": ("Rule pack", "Набор правил"),
    "reviewed": ("reviewed", "проверен"),
    "unknown_facts": ("{facts} still unknown", "осталось выяснить {facts}"),
    "status.feasible": ("Feasible", "Доступно"),
    "status.undetermined": ("Undetermined", "Пока неясно"),
    "status.blocked": ("Blocked", "Недоступно"),
    "status.not_applicable": ("Not applicable", "Неприменимо"),
    "why": ("Why", "Почему"),
    "if_applies_blocked": ("If this route applies, it is blocked:", "Если этот вариант действий применим, он недоступен:"),
    "depends_on": ("Depends on", "Зависит от"),
    "reason.met": ("Met:", "Условие выполнено:"),
    "reason.unmet": ("Not met:", "Условие не выполнено:"),
    "opens_if": ("Opens if", "Откроется, если"),
    "or": ("or", "или"),
    "risks": ("Risks", "Риски"),
    "risk.applies": ("applies", "относится к делу"),
    "risk.possible": ("may apply", "может относиться к делу"),
    "risk.line": ("{severity} risk — {status}", "{severity} риск — {status}"),
    "risk.severity": ("{severity} risk", "{severity} риск"),
    "severity.low": ("low", "низкий"),
    "severity.medium": ("medium", "средний"),
    "severity.high": ("high", "высокий"),
    "severity.critical": ("critical", "критический"),
    "steps": ("Steps", "Что делать"),
    "deadlines": ("Deadlines", "Сроки"),
    "days_left": ("{days} left", "осталось {days}"),
    "overdue": ("OVERDUE by {days}", "ПРОСРОЧЕНО на {days}"),
    "due_today": ("due today", "истекает сегодня"),
    "date_passed": ("passed {days} ago", "прошло {days}"),
    "date_unknown": ("date unknown (not given: {fact})", "дата неизвестна (не указано: {fact})"),
    "possible_deadline": ("if it applies", "если применимо"),
    "legal_basis": ("Legal basis", "Правовая основа"),
    "sources": ("Sources", "Источники"),
    "unconfirmed": ("UNCONFIRMED", "НЕ ПОДТВЕРЖДЕНО"),
    "seed-only": ("SINGLE PRESS REPORT", "ПО ОДНОМУ СООБЩЕНИЮ"),  # glossary-ru.md: one form of each mark
    "questions": ("Questions still worth asking", "Что ещё стоит выяснить"),
    "no_questions": ("No open question would decide more.", "Больше нет вопросов, которые что-то решают."),
    "situations": ("Situations", "Ситуации"),
    "sit.true": ("yes", "да"),
    "sit.false": ("no", "нет"),
    "sit.unknown": ("unknown", "неизвестно"),
    "general_deadlines": ("Deadlines that run", "Текущие сроки"),
    "summary.title": ("What matters now", "Главное"),
    "brief.page": ("Page", "Стр."),
    "brief.minor_risks": (
        "Other risks that may apply, depending on facts not yet known: {n} (listed in the Markdown brief and the text output).",
        "Других рисков, которые могут относиться к делу в зависимости от ещё не известных фактов: {n} (перечислены в справке Markdown и в текстовом выводе).",
    ),
    "brief.of": ("of", "из"),
    "help.opt.summary": (
        "Print only the summary: deadlines, open routes, the questions that decide the rest, the worst risks, what to bring.",
        "Напечатать только главное: сроки, доступные варианты действий, вопросы, от которых зависит остальное, самые серьёзные риски и что взять с собой.",
    ),
    "summary.deadlines": ("Deadlines", "Сроки"),
    "summary.risks": ("Critical and high risks that apply", "Критические и высокие риски, которые относятся к делу"),
    "summary.bring": ("What to bring", "Что взять с собой"),
    "summary.decided_by": ("would be decided by: {question}", "решит ответ на вопрос: {question}"),
    "summary.left_open": ("the sources leave it open", "источники этого не решают"),
    "summary.none_open": ("none on these facts", "при этих фактах — нет"),
    "summary.more": ("{n} more in the details below", "ещё {n} — в подробностях ниже"),
    "summary.details": ("Details", "Подробно"),
    "trace": ("Trace", "Разбор условий"),
    "trace.applies_if": ("applies if", "применим, если"),
    "trace.requires": ("requires", "требует"),
    "trace.blocked_if": ("blocked if", "недоступен, если"),
    "trace.unsettled_if": ("not settled while", "не решён, пока"),
    "value.true": ("true", "да"),
    "value.false": ("false", "нет"),
    "value.unknown": ("unknown", "неизвестно"),
    "reads": ("reads", "факты"),
    # the interview's counter: {more} is "12 more questions" / «12 вопросов» (words.period_words)
    "prompt.counter": ("question {n} — at most {more}", "вопрос {n} — осталось самое большее {more}"),
    "prompt.last": ("question {n} — the last one", "вопрос {n} — последний"),
    "prompt.decides": ("The answer decides: {routes}", "От ответа зависят варианты действий: {routes}"),
    "prompt.decides_more": ("and {routes}", "и ещё {routes}"),
    "prompt.decides_none": (
        "The answer decides no route's status; it may decide a risk or the date of a deadline.",
        "От ответа не зависит ни один вариант действий, но могут зависеть риски или сроки.",
    ),
    "prompt.choose": ("Answer", "Ответ"),
    "prompt.keys": (
        "number = answer, ? = help, u or - = don't know, b = back, s = summary so far, q = stop and show the result",
        "номер = ответ, ? = пояснение, - или u = не знаю, b = назад, s = главное на сейчас, q = закончить и показать итог "
        "(в русской раскладке: и, ы, й)",
    ),
    "prompt.date": ("a date, YYYY-MM-DD or DD.MM.YYYY", "дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"),
    "prompt.number": ("a whole number, 0 or more", "целое число, 0 или больше"),
    "prompt.invalid": (
        "Not accepted: {reason}. Try again, or type ? for help.",
        "Ответ не принят: {reason}. Попробуйте ещё раз или наберите ? для пояснения.",
    ),
    "prompt.no_help": ("No further help for this question.", "Пояснения к этому вопросу нет."),
    "yes": ("yes", "да"),
    "no": ("no", "нет"),
    "interrupted": ("interrupted; nothing was written", "прервано; ничего не записано"),
    "error_prefix": ("error", "ошибка"),
    "prompt.passphrase": ("Passphrase", "Пароль"),
    "prompt.passphrase_new": ("New passphrase", "Новый пароль"),
    "prompt.passphrase_again": ("The same passphrase again", "Повторите пароль"),
    "vault.saved": ("Encrypted case written to {path}", "Зашифрованное дело записано в {path}"),
    "vault.rekeyed": ("Passphrase changed for {path}", "Пароль для {path} изменён"),
    "passphrase.short": (
        "A new passphrase needs at least {n} characters; try again.",
        "Новому паролю нужно не меньше {n} символов; попробуйте ещё раз.",
    ),
    "passphrase.differ": ("The two passphrases differ; try again.", "Пароли не совпадают; попробуйте ещё раз."),
    "passphrase.not_text": (
        "The passphrase could not be read in this terminal's encoding; try again.",
        "Пароль не читается в кодировке этого терминала; попробуйте ещё раз.",
    ),
    "save.failed": ("The case was not saved: {reason}", "Дело не сохранено: {reason}"),
    "save.another": (
        "Another file to save it to (Enter leaves it unsaved)",
        "Другой файл для сохранения (Enter — оставить несохранённым)",
    ),
    "signalled": ("stopped by {signal}", "остановлено сигналом {signal}"),
    "help.cmd.batch": (
        "Assess every case file under the paths: one CSV or JSON-lines row each, and a summary.",
        "Оценить все файлы дел в указанных файлах и папках: по строке CSV или JSON на файл и итог.",
    ),
    "help.arg.paths": (
        "Case files or folders (searched recursively for .yaml, .yml, .json, .lcx).",
        "Файлы дел или папки (ищутся .yaml, .yml, .json, .lcx, включая вложенные).",
    ),
    "help.opt.format_batch": ("csv or jsonl.", "csv или jsonl."),
    "help.opt.jobs": (
        "Worker processes (default: one per core; small batches run in one).",
        "Число процессов (по умолчанию по числу ядер; небольшие пакеты — в одном).",
    ),
    "batch.summary": (
        "{n} files in {s} s: {ok} assessed, {e} with errors",
        "файлов: {n} за {s} с; оценено: {ok}, с ошибками: {e}",
    ),
    "batch.feasible": ("most often feasible", "чаще всего доступно"),
    "batch.progress": ("Assessing", "Оценка"),
    "help.cmd.vault": (
        "Encrypted case files: open, lock, change the passphrase.",
        "Зашифрованные дела: открыть, зашифровать, сменить пароль.",
    ),
    "help.cmd.vault_open": (
        "Decrypt an encrypted case and print it (or write it with -o).",
        "Расшифровать дело и вывести его (или записать с -o).",
    ),
    "help.cmd.vault_lock": ("Encrypt a plain case file into an encrypted one.", "Зашифровать открытый файл дела."),
    "help.cmd.vault_rekey": ("Change the passphrase of an encrypted case.", "Сменить пароль зашифрованного дела."),
    "help.opt.plaintext": (
        "With --save, write plain YAML instead of an encrypted file.",
        "С --save записать открытый YAML вместо зашифрованного файла.",
    ),
    "help.arg.vault": ("An encrypted case file (.lcx).", "Зашифрованный файл дела (.lcx)."),
    "help.arg.plain_case": ("A plain case file (YAML or JSON).", "Открытый файл дела (YAML или JSON)."),
    "saved": ("Case written to {path}", "Дело записано в {path}"),
    "confidence": ("confidence", "достоверность"),
    "conf.confirmed": ("confirmed", "подтверждено"),
    "conf.seed-only": ("single press report", "по одному сообщению"),
    "conf.unconfirmed": ("unconfirmed", "не подтверждено"),
    "route.conditions": ("Conditions", "Условия"),
    "route.applies_if": ("Applies if", "Применим, если"),
    "route.requires": ("Requires", "Требует"),
    "route.blocked_if": ("Blocked if", "Недоступен, если"),
    "route.unsettled_if": ("Undetermined while", "Пока неясно, если"),
    "deadline.from": ("{period} from the {fact}", "{period} с даты «{fact}»"),
    "route.always": ("always", "всегда"),
    "route.risk_when": ("when", "когда"),
    "cond.not": ("not", "не"),
    "cond.known": ("known", "известно"),
    "cond.unknown": ("not known", "неизвестно"),
    "internal_error": (
        "internal error: this is a bug in legalcli; no case data was printed. Run with --debug to see the traceback.",
        "внутренняя ошибка legalcli; данные дела не выводились. Запустите с --debug, чтобы увидеть трассировку.",
    ),
    "cache_not_private": (
        "the cache folder {path} is not private (owned by another user, or writable by others); "
        "it is not used, and the rule pack is read from its files",
        "папка кэша {path} не личная (принадлежит другому пользователю или доступна другим на запись); "
        "она не используется, правила читаются из их файлов",
    ),
    "check_clean": ("no problems", "проблем нет"),
    "check_head": (
        "{name} {version}: {routes} routes, {facts} facts",
        "{name} {version}: вариантов действий {routes}, фактов {facts}",
    ),
    "check_summary": ("{e} error(s), {w} warning(s)", "ошибок: {e}, предупреждений: {w}"),
    "tree.dont_know": ("don't know", "не знаю"),
    "tree.same_as": ("same as #", "то же, что №"),
    "tree.leaf": (
        "feasible: {feasible}; undetermined: {undetermined}; blocked: {blocked}",
        "доступно: {feasible}; пока неясно: {undetermined}; недоступно: {blocked}",
    ),
    "tree.truncated": (" (deeper levels not shown)", " (глубже не показано)"),
    "unit.days": ("days", "дн."),
    "unit.working_days": ("working days", "раб. дн."),
    "unit.months": ("months", "мес."),
    "cond.country": ("in the country he is in", "в стране, где он находится"),
    "cond.passed": ("{period} or more since the {fact}", "с даты «{fact}» прошло {period} или больше"),
    "cond.ended": ("the {period} from the {fact} are over", "{period} с даты «{fact}» истекли"),
    "unit.years": ("years", "г."),
    "not_dated": ("no date", "без даты"),
    "facts_given": ("Facts given", "Известные факты"),
    "help.app": (
        "Explains the legal options of Russian servicemen and men with a draft summons. Not a substitute for a lawyer.",
        "Объясняет правовые возможности военнослужащих РФ и мужчин с повесткой. Не заменяет юриста.",
    ),
    "help.rules": ("Check, test and describe rule packs.", "Проверка, тесты и описание наборов правил."),
    "help.opt.rules": (
        "Rule pack directory (default: LEGALCLI_RULES, else the shipped pack).",
        "Папка набора правил (по умолчанию LEGALCLI_RULES, иначе встроенный набор).",
    ),
    "help.opt.lang": (
        "en or ru (default: LEGALCLI_LANG, else the locale).",
        "en или ru (по умолчанию LEGALCLI_LANG, иначе язык системы).",
    ),
    "help.opt.as_of": (
        "Apply the rules as of this date, YYYY-MM-DD or DD.MM.YYYY (default: today).",
        "Применить правила на эту дату, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня).",
    ),
    "help.opt.version": ("Print the legalcli and rule pack versions.", "Показать версии legalcli и набора правил."),
    "help.opt.debug": ("Show a traceback on an internal error.", "Показывать трассировку при внутренней ошибке."),
    "help.arg.case": ("Case file (YAML or JSON), or - for stdin.", "Файл дела (YAML или JSON) или - для стандартного ввода."),
    "help.opt.fact": ("ID=VALUE; repeatable; overrides the case file.", "ID=ЗНАЧЕНИЕ; можно повторять; важнее файла дела."),
    "help.opt.no_input": (
        "Never ask; unknown facts stay unknown.",
        "Ничего не спрашивать; неизвестные факты остаются неизвестными.",
    ),
    "help.opt.format_assess": (
        "text, json, markdown, html or pdf (pdf: with -o FILE and the pdf extra).",
        "text, json, markdown, html или pdf (pdf — с -o FILE и дополнением pdf).",
    ),
    "help.opt.output": ("Write to FILE instead of stdout.", "Записать в FILE, а не в стандартный вывод."),
    "help.opt.why": (
        "Add the trace: each condition, its value and the facts it read.",
        "Добавить разбор: каждое условие, его значение и факты, на которые оно опирается.",
    ),
    "help.opt.all": ("Also list routes that do not apply.", "Показать и неприменимые варианты действий."),
    "help.opt.redact": (
        "Leave the notes and sensitive facts out of a brief.",
        "Не включать в справку заметки и чувствительные факты.",
    ),
    "help.opt.save": ("Write the answers as a case file (only when asked).", "Записать ответы в файл дела (только по запросу)."),
    "help.arg.route": ("A route id (see `legalcli routes`).", "Идентификатор варианта действий (см. `legalcli routes`)."),
    "help.opt.format_tree": ("text, mermaid or dot.", "text, mermaid или dot."),
    "help.opt.depth": ("How many questions deep to explore.", "На сколько вопросов в глубину строить дерево."),
    "help.arg.dir": ("Rule pack (default: the shipped pack).", "Набор правил (по умолчанию встроенный)."),
    "help.opt.format_check": ("text or json.", "text или json."),
    "help.opt.today": ("Judge review dates as of this day.", "Оценивать даты проверки на этот день."),
    "help.arg.kind": (
        "all, pack, facts, situation, route, laws, sources, cases, case or assessment (the JSON output).",
        "all, pack, facts, situation, route, laws, sources, cases, case или assessment (JSON-вывод).",
    ),
    "help.cmd.root": (
        "legalcli: routes, risks and deadlines for Russian servicemen, from a sourced rule pack. Not a substitute for a lawyer.",
        "legalcli: варианты действий, риски и сроки для военнослужащих РФ по набору правил с источниками. Не заменяет юриста.",
    ),
    "help.cmd.assess": (
        "Assess a case: which routes are feasible, blocked or undetermined, and why.",
        "Оценить дело: какие варианты действий доступны, недоступны или пока неясны, и почему.",
    ),
    "help.cmd.routes": (
        "List every route of the rule pack, one line each.",
        "Все варианты действий набора правил, по одному в строке.",
    ),
    "help.cmd.explain": (
        "A route in words: conditions, risks, steps, deadlines, legal basis, sources, review date.",
        "Вариант действий словами: условия, риски, шаги, сроки, нормы, источники, дата проверки.",
    ),
    "help.cmd.tree": (
        "The interview's decision tree: the question policy explored over every answer.",
        "Дерево решений опроса: порядок вопросов для всех ответов.",
    ),
    "help.cmd.check": (
        "Lint a rule pack: every problem as path:line:col: severity: message [check].",
        "Проверить набор правил: каждая проблема как файл:строка:столбец: уровень: сообщение [проверка].",
    ),
    "help.cmd.test": (
        "Run the pack's scenario cases; each failure shows expected against actual.",
        "Прогнать сценарии набора; для каждой ошибки — ожидаемое и фактическое.",
    ),
    "help.cmd.schema": (
        "Print the JSON Schema of rule files and case files (for editors).",
        "Вывести JSON Schema файлов правил и дел (для редакторов).",
    ),
    # rules test --mutate, rules new, rules diff, rules review, impact (issue 17)
    "help.opt.mutate": (
        "Mutation testing: change each rule in small ways and report the changes no scenario case notices.",
        "Мутационное тестирование: менять каждое правило понемногу и показать изменения, которых не замечает ни один сценарий.",
    ),
    "help.opt.only": (
        "Run only the cases of this case file; repeatable.",
        "Прогнать только сценарии этого файла; можно повторять.",
    ),
    "help.opt.format_test": ("text or json.", "text или json."),
    "help.opt.verbose": (
        "List every case run, not only the failures.",
        "Показать каждый прогнанный сценарий, а не только ошибки.",
    ),
    "test.ok": ("ok", "ок"),
    "test.summary": ("{passed} passed, {failed} failed", "{passed} прошло, {failed} не прошло"),
    "mutate.survived": ("survived", "выжил"),
    "mutate.summary": (
        "{n} mutants: {killed} killed, {allowed} allowed, {survived} survived; score {score}% ({seconds} s, {rate} mutants/s)",
        "мутантов: {n}; убито {killed}, допущено {allowed}, выжило {survived}; оценка {score}% ({seconds} с, {rate} мутантов/с)",
    ),
    "help.cmd.new": (
        "Write the skeleton of a new route, situation or fact, with its scenario cases to fill in.",
        "Создать заготовку нового варианта действий, ситуации или факта со сценариями, которые нужно заполнить.",
    ),
    "help.arg.new_kind": ("route, situation or fact.", "route, situation или fact."),
    "help.arg.new_id": (
        "The new id: lower-case words joined by hyphens (a fact: by underscores).",
        "Новый идентификатор: строчные слова через дефис (у факта — через подчёркивание).",
    ),
    "new.written": ("written: {path}", "записано: {path}"),
    "new.next": (
        "Next: replace every TODO, write the cases, then run legalcli rules check and legalcli rules test.",
        "Дальше: замените каждое TODO, заполните сценарии, затем запустите legalcli rules check и legalcli rules test.",
    ),
    "help.cmd.diff": (
        "What changed between two rule packs, grouped by file: entities added, removed or renamed; "
        "conditions, texts, sources and dates changed.",
        "Что изменилось между двумя наборами правил, по файлам: добавленное, удалённое и переименованное; "
        "изменённые условия, тексты, источники и даты.",
    ),
    "help.arg.old_pack": ("The rule pack before the change.", "Набор правил до изменения."),
    "help.arg.new_pack": ("The rule pack after the change.", "Набор правил после изменения."),
    "help.opt.format_diff": ("text or json.", "text или json."),
    "diff.none": ("no changes", "изменений нет"),
    "diff.summary": ("{files} file(s) changed, {changes} change(s)", "изменено файлов: {files}, изменений: {changes}"),
    "help.cmd.review": (
        "Every route, situation and country by review age, marking those whose content changed after their review.",
        "Все варианты действий, ситуации и страны по давности проверки, с пометкой тех, что изменились после проверки.",
    ),
    "help.opt.format_review": ("text or json.", "text или json."),
    "review.changed": ("CHANGED SINCE REVIEW", "ИЗМЕНЁН ПОСЛЕ ПРОВЕРКИ"),
    "review.unrecorded": ("no fingerprint recorded", "отпечаток не записан"),
    "review.days": ("{days} days ago", "{days} дн. назад"),
    "help.opt.record": (
        "Record what each newly reviewed rule reads now (a fingerprint beside its review date), and the version's content.",
        "Записать, что читает каждое заново проверенное правило (отпечаток рядом с датой проверки), и содержание версии.",
    ),
    "review.recorded": ("recorded: {item} ({path})", "записано: {item} ({path})"),
    "help.opt.again": (
        "With --record: record this rule's content again although its review date did not move (read again the same day); repeatable.",
        "С --record: записать содержание этого правила заново, хотя дата проверки не изменилась (проверено повторно в тот же день); можно повторять.",
    ),
    "help.cmd.impact": (
        "Which saved cases' conclusions change between two rule packs: route statuses, high and critical risks, "
        "deadlines, next question. Exit 1 when any changed.",
        "У каких сохранённых дел меняются выводы между двумя наборами правил: статусы вариантов действий, высокие и критические "
        "риски, сроки, следующий вопрос. Код 1, если что-то изменилось.",
    ),
    "help.arg.cases": (
        "Case files or folders of them (plain or encrypted).",
        "Файлы дел или папки с ними (открытые или зашифрованные).",
    ),
    "help.opt.format_impact": ("text, json or csv.", "text, json или csv."),
    "impact.summary": (
        "{n} case(s): {changed} changed, {same} unchanged, {errors} unreadable ({seconds} s)",
        "дел: {n}; изменилось {changed}, без изменений {same}, не прочитано {errors} ({seconds} с)",
    ),
    "impact.route": ("route {route}: {old} -> {new}", "вариант действий {route}: {old} -> {new}"),
    "impact.risk_added": ("risk {risk} ({severity}) now applies", "риск {risk} ({severity}) теперь относится к делу"),
    "impact.risk_removed": ("risk {risk} ({severity}) no longer applies", "риск {risk} ({severity}) больше не относится к делу"),
    "impact.deadline_added": ("deadline {deadline}: now {date}", "срок {deadline}: теперь {date}"),
    "impact.deadline_removed": (
        "deadline {deadline}: no longer listed (was {date})",
        "срок {deadline}: больше не указан (был {date})",
    ),
    "impact.deadline_moved": ("deadline {deadline}: {old} -> {new}", "срок {deadline}: {old} -> {new}"),
    "impact.question": ("next question: {old} -> {new}", "следующий вопрос: {old} -> {new}"),
    "impact.error": ("cannot be assessed: {error}", "не удаётся оценить: {error}"),
    "impact.error_old": ("the old pack cannot read it: {error}", "старый набор правил его не читает: {error}"),
    "impact.error_new": ("the new pack cannot read it: {error}", "новый набор правил его не читает: {error}"),
    "impact.none": ("none", "нет"),
    "impact.no_date": ("date unknown", "дата неизвестна"),
    "brief.title": ("Consultation brief", "Справка к консультации"),
    "brief.prepared": ("Prepared with legalcli {version}", "Подготовлено в legalcli {version}"),
    "brief.facts": ("Facts", "Факты"),
    "brief.facts_given": ("What is known", "Что известно"),
    "brief.facts_unknown": ("Still unknown", "Пока неизвестно"),
    "brief.no_facts": ("No facts given.", "Факты не указаны."),
    "brief.redacted": (
        "Redacted: the case notes and {n} sensitive fact(s) are left out of this brief.",
        "Обезличено: заметки по делу и чувствительные факты ({n}) в справку не включены.",
    ),
    "brief.notes": ("Notes", "Заметки"),
    "brief.none": ("None.", "Нет."),
    "brief.checklist": ("Documents to gather", "Какие документы собрать"),
    "brief.appendix": ("Appendix", "Приложение"),
    "brief.laws": ("Laws cited", "Нормы права"),
    "brief.sources": ("Sources", "Источники"),
    "brief.question": ("Question", "Вопрос"),
    "brief.answer": ("Answer", "Ответ"),
    "brief.no_date": ("no date", "без даты"),
    "brief.reviews": ("When each part was last reviewed", "Когда проверялась каждая часть"),
    "and": ("and", "и"),
    "unsettled": ("Not settled by the sources:", "Источники этого не решают:"),
    "finding.since": ("since {date}", "с {date}"),
    "finding.open": ("not settled by the sources", "источники этого не решают"),
    "stale_warning": (
        "Some routes were last reviewed more than {days} before the as-of date ({routes}): the law or practice may have changed.",
        "Некоторые варианты действий последний раз проверялись более чем за {days} до даты оценки ({routes}): "
        "закон или практика могли измениться.",
    ),
    "route_reviewed": ("Reviewed {date}", "Проверен {date}"),
    "checked_against": ("checked against", "основа проверки"),
    "brief_entries": (
        "{points} of the legal research behind the pack",
        "{points} правового исследования, на котором основан набор",
    ),
    "explain_hint": ("In full: legalcli explain {route}", "Подробно: legalcli explain {route}"),
}


def t(key: str, lang: Lang, **values: object) -> str:
    en, ru = MESSAGES[key]
    text = ru if lang == "ru" else en
    return text.format(**values) if values else text


def choose_lang(option: str | None, case_lang: str | None = None) -> Lang:
    """--lang, else the case file's, else LEGALCLI_LANG, else the locale, else English."""
    for candidate in (option, case_lang, os.environ.get("LEGALCLI_LANG")):
        if candidate in ("en", "ru"):
            return "ru" if candidate == "ru" else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"


# --- error and problem messages --------------------------------------------------------
# Keys are the English templates used where the error is raised; {fields} are filled in.

ERRORS_RU: dict[str, str] = {
    # reading files
    "the file is not UTF-8 text (save it as UTF-8; cp1251 and UTF-16 are not read)": "файл не в кодировке UTF-8 (сохраните его в UTF-8; cp1251 и UTF-16 не читаются)",
    "the file is {size:,} bytes; at most {cap:,} are read": "размер файла {size:,} байт; читается не больше {cap:,}",
    "is a directory, expected a file": "это папка, а нужен файл",
    "no such file": "нет такого файла",
    "permission denied": "нет доступа",
    "cannot be read ({reason})": "не удаётся прочитать ({reason})",
    "is not a regular file (a FIFO, a device or a socket); only regular files are read": "это не обычный файл (канал FIFO, устройство или сокет); читаются только обычные файлы",
    "is a link that leads outside the rule pack; copy the file into the pack": "это ссылка, ведущая за пределы набора правил; скопируйте файл в набор",
    # writing outputs
    "cannot be written ({reason})": "не удаётся записать ({reason})",
    "cannot be written: the folder {folder} does not exist": "не удаётся записать: папки {folder} нет",
    "is a directory; give the name of a file to write": "это папка; укажите имя файла для записи",
    "is not a regular file, a FIFO or a character device; nothing is written to it": "это не обычный файл, не канал FIFO и не символьное устройство; запись в него не выполняется",
    "changed while it was being opened; nothing was written": "файл изменился во время открытия; ничего не записано",
    "is the file being read; write to another file": "это читаемый файл; запишите результат в другой файл",
    "is also given to {option}; write to another file": "этот же файл указан и в {option}; запишите в другой файл",
    "the case was not saved": "дело не сохранено",
    "the file is larger than {cap:,} bytes": "файл больше {cap:,} байт",
    "the input is larger than {cap:,} bytes": "входные данные больше {cap:,} байт",
    "the input is larger than {cap:,} characters": "входные данные длиннее {cap:,} символов",
    "the file contains a control character or a broken code point": "в файле управляющий символ или повреждённый символ Юникода",
    "the file is empty; expected a mapping": "файл пуст; ожидается словарь (ключ: значение)",
    "not valid YAML: {problem}": "ошибка YAML: {problem}",
    "not valid YAML": "ошибка YAML",
    "the document is too deeply nested or too large": "документ слишком глубоко вложен или слишком велик",
    "the file holds more than one YAML document; expected one": "в файле больше одного YAML-документа; ожидается один",
    "explicit YAML tags (such as !!str or !!python/...) are not accepted": "явные теги YAML (например, !!str или !!python/...) не допускаются",
    "the document has more than {cap:,} values": "в документе больше {cap:,} значений",
    "nested deeper than {cap} levels": "вложенность больше {cap} уровней",
    "aliases (*name) are not accepted here": "ссылки (*имя) здесь не допускаются",
    "more than {cap} aliases": "больше {cap} ссылок",
    "alias to an undefined anchor": "ссылка на неопределённую метку",
    "an alias may only name a scalar value": "ссылка может указывать только на простое значение",
    "a value longer than {cap:,} characters": "значение длиннее {cap:,} символов",
    "unexpected YAML structure": "неожиданная структура YAML",
    "a key must be a plain word, not a list or mapping": "ключ должен быть словом, а не списком или словарём",
    "merge keys (<<) are not accepted": "ключи слияния (<<) не допускаются",
    "duplicate key '{name}' (first at line {line}, column {column})": "ключ «{name}» повторяется (впервые: строка {line}, столбец {column})",
    "a tab character where YAML needs spaces (indent with spaces)": "символ табуляции там, где YAML требует пробелы (делайте отступы пробелами)",
    # schema
    "expected {expected}, found {found}{extra}": "ожидается {expected}, а найдено {found}{extra}",
    "unknown key '{name}'{hint}; expected one of: {allowed}": "неизвестный ключ «{name}»{hint}; допустимы: {allowed}",
    "missing required key '{name}'": "нет обязательного ключа «{name}»",
    "is empty; expected at least one key": "пусто; нужен хотя бы один ключ",
    "has {count} keys; at most {cap} belong together here": "ключей: {count}; вместе здесь допустимо не больше {cap}",
    "expected at least {count} item(s)": "нужно не меньше элементов: {count}",
    "must not be empty": "не может быть пустым",
    "{owner}: no country of the table has the topic '{name}'": "{owner}: ни у одной страны таблицы нет раздела «{name}»",
    "{owner}: '{name}' is not a fact of type country{hint}": "{owner}: «{name}» — не факт типа country{hint}",
    "{owner}: the country table has no attribute '{name}'{hint}": "{owner}: в таблице стран нет признака «{name}»{hint}",
    "{owner}: 'has' reads a yes/no attribute; '{name}' has choices: use attribute and is/in": "{owner}: has проверяет признак «да/нет»; у «{name}» есть варианты — пишите attribute и is/in",
    "{owner} does not give the attribute '{name}' (write unknown if the sources do not settle it)": "{owner}: не указан признак «{name}» (если источники этого не решают, пишите unknown)",
    "{owner}: '{value}' is not a value of '{name}'; expected: {allowed}": "{owner}: «{value}» — недопустимое значение «{name}»; допустимо: {allowed}",
    "{owner}: dated values go newest first, each with 'from' but the last": "{owner}: значения с датами идут от новых к старым, у каждого, кроме последнего, есть from",
    "a country test is {country: F, has: A} or {country: F, attribute: A, is: V} (or in: [V, ...])": "условие о стране записывается как {country: F, has: A} или {country: F, attribute: A, is: V} (или in: [V, ...])",
    "{owner}: 'unknown' is reserved for what the sources do not settle; it is not a choice": "{owner}: unknown зарезервировано для того, что источники не решают; это не вариант",
    "{owner}: the alias '{name}' names another route too": "{owner}: псевдоним «{name}» обозначает и другой вариант действий",
    "{owner}: the text holds a control, bidi or zero-width character": "{owner}: в тексте есть управляющий символ, символ смены направления письма или символ нулевой ширины",
    "{owner}: too complex to check: the pack's search budget is spent": "{owner}: слишком сложно для проверки: запас перебора для набора исчерпан",
    "a deadline needs exactly one of: days, months, years": "у срока должно быть ровно одно из: days, months, years",
    "working_days goes with days, not months or years": "working_days ставится только при days, не при months или years",
    "{owner}: '{op}' counts time from a date, but '{name}' is a {ftype} fact": "{owner}: «{op}» отсчитывает время от даты, а «{name}» — факт типа {ftype}",
    "expected text, json, markdown, html or pdf": "ожидается text, json, markdown, html или pdf",
    "a PDF is written to a file: add -o FILE.pdf": "PDF записывается в файл: добавьте -o ФАЙЛ.pdf",
    "PDF output needs the pdf extra: pip install 'legalcli[pdf]' (and the Pango library: apt-get install libpango-1.0-0 libpangoft2-1.0-0)": "для PDF нужно дополнение pdf: pip install 'legalcli[pdf]' (и библиотека Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0)",
    "must be a whole number from {low} to {high}": "нужно целое число от {low} до {high}",
    "does not have the expected form ({form})": "неверная форма ({form})",
    "not one of the allowed values{hint}; expected one of: {allowed}": "недопустимое значение{hint}; допустимы: {allowed}",
    "expected a date as YYYY-MM-DD": "ожидается дата в виде ГГГГ-ММ-ДД",
    "is not a real calendar date (YYYY-MM-DD)": "такой даты нет в календаре (ГГГГ-ММ-ДД)",
    "is outside the dates legalcli reads ({low} to {high})": "дата вне допустимого диапазона ({low} — {high})",
    "a fact test needs exactly one of: {allowed}": "проверке факта нужен ровно один оператор из: {allowed}",
    "'situation', 'all', 'any' and 'not' each stand alone; an operator needs 'fact'": "«situation», «all», «any» и «not» пишутся по отдельности; оператору нужен «fact»",
    "'{name}' needs 'fact' beside it": "рядом с «{name}» нужен «fact»",
    # case files and options
    "expected a mapping with 'facts' at the top of a case file": "в начале файла дела ожидается словарь с ключом «facts»",
    "expected ID=VALUE, for example --fact location=on_leave": "ожидается ID=ЗНАЧЕНИЕ, например --fact location=on_leave",
    "unknown fact '{name}'{hint}": "неизвестный факт «{name}»{hint}",
    "is not a rule pack directory": "это не папка набора правил",
    "has no pack.yaml; is this a rule pack?": "нет pack.yaml; это набор правил?",
    "expected a mapping with 'cases'": "ожидается словарь с ключом «cases»",
    "duplicate case name '{name}'": "имя сценария «{name}» повторяется",
    "the rule pack has {count} error(s); run `legalcli rules check` to see them": "в наборе правил ошибок: {count}; подробности: `legalcli rules check`",
    "expected a real date as DD.MM.YYYY or YYYY-MM-DD": "ожидается существующая дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
    # one validator for a fact's value: --fact, case files, the interview (loading/case.py)
    "must be a whole number from {low} to {high}; with a decimal comma it is a fraction": "нужно целое число от {low} до {high}; число с запятой — дробное",
    "expected yes or no: true or false, да or нет": "ожидается «да» или «нет» (можно true или false)",
    "is not a real calendar date": "такой даты нет в календаре",
    "expected a date as DD.MM.YYYY or YYYY-MM-DD": "ожидается дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
    "expected a date as YYYY-MM-DD; a case file writes dates that way": "ожидается дата в виде ГГГГ-ММ-ДД: так даты пишутся в файле дела",
    "expected the number of an answer, from 1 to {n}{hint}": "нужен номер ответа, от 1 до {n}{hint}",
    "expected en or ru": "ожидается en или ru",
    "expected text, mermaid or dot": "ожидается text, mermaid или dot",
    "expected text or json": "ожидается text или json",
    "expected csv or jsonl": "ожидается csv или jsonl",
    "expected text, json or csv": "ожидается text, json или csv",
    "unknown route '{name}'{hint}": "неизвестный вариант действий «{name}»{hint}",
    "unknown kind '{name}'{hint}; expected one of: {allowed}": "неизвестный вид «{name}»{hint}; допустимы: {allowed}",
    # passphrases and encrypted cases
    "the passphrase must not be empty": "пароль не может быть пустым",
    "a passphrase is needed: set {env} or run in a terminal": "нужен пароль: задайте {env} или запустите в терминале",
    "the two passphrases differ": "пароли не совпадают",
    "interrupted; nothing was written": "прервано; ничего не записано",
    "this is an encrypted case file; a passphrase is needed": "это зашифрованный файл дела; нужен пароль",
    "the encrypted case file is truncated": "зашифрованный файл дела обрезан",
    "the encrypted case file is truncated or damaged": "зашифрованный файл дела обрезан или повреждён",
    "the encrypted case file's header is damaged": "заголовок зашифрованного файла дела повреждён",
    "the encrypted case file's header has unsupported parameters": "в заголовке зашифрованного файла недопустимые параметры",
    "the encrypted case file asks for a key derivation costlier than legalcli allows "
    "(scrypt n ≤ {n}, r ≤ {r}, p ≤ {p}, at most {mib} MiB); it was not written by legalcli, or it was changed": (
        "зашифрованный файл дела требует вычисления ключа дороже, чем допускает legalcli "
        "(scrypt n ≤ {n}, r ≤ {r}, p ≤ {p}, не больше {mib} МиБ); его записал не legalcli, либо он изменён"
    ),
    "cannot decrypt: the passphrase is wrong, or the file was changed or damaged": "не удаётся расшифровать: пароль неверен, либо файл изменён или повреждён",
    "is not an encrypted case file": "это не зашифрованный файл дела",
    "is already encrypted": "файл уже зашифрован",
    "is not UTF-8 text; set it in a UTF-8 terminal or locale": "это не текст в UTF-8; задайте переменную в терминале или локали с UTF-8",
    "a new passphrase needs at least {n} characters": "новому паролю нужно не меньше {n} символов",
    "no new passphrase was agreed on in {n} tries": "новый пароль не подтверждён за {n} попытки",
    # rules check
    "error": "ошибка",
    "warning": "предупреждение",
    "duplicate {kind} id '{name}' (first at {where})": "{kind}: id «{name}» повторяется (впервые: {where})",
    "duplicate risk id '{name}' in {owner}": "id риска «{name}» повторяется: {owner}",
    "id '{name}' differs from the file name '{stem}'": "id «{name}» не совпадает с именем файла «{stem}»",
    "{owner}: unknown fact '{name}'{hint}": "{owner}: неизвестный факт «{name}»{hint}",
    "{owner}: unknown situation '{name}'{hint}": "{owner}: неизвестная ситуация «{name}»{hint}",
    "{owner}: unknown law '{name}'{hint}": "{owner}: неизвестная норма «{name}»{hint}",
    "{owner}: unknown source '{name}'{hint}": "{owner}: неизвестный источник «{name}»{hint}",
    "{owner}: '{op}' compares dates, but '{name}' is a {ftype} fact": "{owner}: «{op}» сравнивает даты, а факт «{name}» — {ftype}",
    "{owner}: '{op}' compares numbers, but '{name}' is a {ftype} fact": "{owner}: «{op}» сравнивает числа, а факт «{name}» — {ftype}",
    "{owner}: '{name}' is true or false; write true or false": "{owner}: «{name}» — да или нет; пишите true или false",
    "{owner}: '{value}' is not a choice of '{name}'{hint}; choices: {allowed}": "{owner}: «{value}» — не вариант факта «{name}»{hint}; варианты: {allowed}",
    "{owner}: '{name}' is a number": "{owner}: «{name}» — число",
    "{owner}: compare the date fact '{name}' with before/after/passed": "{owner}: дату «{name}» сравнивайте через before/after/passed",
    "{owner}: a deadline counts from a date fact; '{name}' is {ftype}": "{owner}: срок отсчитывается от даты, а «{name}» — {ftype}",
    "{owner}: the '{lang}' text is missing": "{owner}: нет текста на языке «{lang}»",
    "{owner} cites no law and no source": "{owner}: нет ни нормы, ни источника",
    "{owner} has no url": "{owner}: нет адреса",
    "situations refer to each other in a cycle: {cycle}": "ситуации ссылаются друг на друга по кругу: {cycle}",
    "{owner} is defined but no rule uses it": "{owner}: определён, но ни одно правило его не использует",
    "{owner} is cited by no rule": "{owner}: ни одно правило на неё не ссылается",
    "{owner} is cited by no rule or law": "{owner}: на него не ссылаются ни правила, ни нормы",
    "'{name}' was last reviewed {age} days ago (over {cap})": "«{name}» проверялся {age} дн. назад (больше {cap})",
    "'{name}' has a review date in the future": "у «{name}» дата проверки в будущем",
    "{owner}: the search for a feasible case ran out of budget": "{owner}: поиск подходящего набора фактов не уложился в лимит",
    "{owner} can never be feasible: no combination of facts satisfies it": "{owner} никогда не может быть возможен: ни одно сочетание фактов не подходит",
    # scenario cases read by rules check, mutation testing, authoring, review records (issue 17)
    "scenario cases: {detail}": "сценарии: {detail}",
    "scenario case '{case}': unknown {kind} '{name}'{hint}": "сценарий «{case}»: в наборе нет такого объекта ({kind}) «{name}»{hint}",
    "{owner}: the text is still a placeholder (TODO)": "{owner}: текст всё ещё заготовка (TODO)",
    "{owner}: no scenario case that passes shows it {statuses}; write one for each status it can take": "{owner}: нет проходящего сценария со статусом: {statuses}; нужен сценарий для каждого статуса, который вариант действий может принять",
    "the allowed mutant '{name}' is killed by the case '{case}'; remove it from mutants-allowed.yaml": "допущенный мутант «{name}» убит сценарием «{case}»; удалите его из mutants-allowed.yaml",
    "the allowed mutant '{name}' is listed twice": "допущенный мутант «{name}» указан дважды",
    "the allowed mutant '{name}' is not a mutant of the pack as it stands (the rule changed?){hint}": "допущенного мутанта «{name}» в нынешнем наборе нет (правило изменилось?){hint}",
    "the allowed mutant '{name}' has no reason in '{lang}'": "у допущенного мутанта «{name}» нет обоснования на языке «{lang}»",
    "the scenario cases have {count} error(s); run `legalcli rules check` to see them": "в сценариях ошибок: {count}; подробности: `legalcli rules check`",
    "{count} scenario case(s) fail on the pack as it stands; run `legalcli rules test` and fix them first": "сценариев, не проходящих на нынешнем наборе: {count}; сначала запустите `legalcli rules test` и исправьте их",
    "no case file '{name}' in {folder}{hint}": "в {folder} нет файла сценариев «{name}»{hint}",
    "expected route, situation or fact": "ожидается route, situation или fact",
    "'{name}' is not an id of this form: {form}": "«{name}» — не идентификатор такого вида: {form}",
    "the pack already has a {kind} '{name}'": "в наборе уже есть объект ({kind}) «{name}»",
    "already exists; nothing was written": "уже существует; ничего не записано",
    "--again goes with --record": "--again используется вместе с --record",
    "unknown route, situation or country '{name}'{hint}": "нет такого варианта действий, ситуации или страны «{name}»{hint}",
    "'{name}' changed after its review of {date}: review it again, then run `legalcli rules review --record`": "«{name}» изменён после проверки {date}: проверьте его заново, затем запустите `legalcli rules review --record`",
    "the review of '{name}' ({date}) has no record of what it reviewed: run `legalcli rules review --record`": "у проверки «{name}» ({date}) нет записи о том, что проверялось: запустите `legalcli rules review --record`",
    "the review record of '{name}' names nothing in the pack: run `legalcli rules review --record`": "запись о проверке «{name}» не относится ни к чему в наборе: запустите `legalcli rules review --record`",
    "the rules changed since version {version} was recorded: raise the version in pack.yaml and say what changed in CHANGELOG.md": "правила изменились после записи версии {version}: повысьте версию в pack.yaml и опишите изменения в CHANGELOG.md",
    "the pack keeps review records but no CHANGELOG.md: say there what each version changed": "в наборе есть записи о проверках, но нет CHANGELOG.md: опишите в нём, что меняла каждая версия",
    "CHANGELOG.md has no entry for version {version}": "в CHANGELOG.md нет записи о версии {version}",
}

_CODES: dict[str, tuple[str, str]] = {
    # what a value should be (schema types) and what was found
    "object": ("a mapping", "словарь"),
    "array": ("a list", "список"),
    "string": ("a text", "текст"),
    "integer": ("a whole number", "целое число"),
    "number": ("a number", "число"),
    "boolean": ("true or false", "true или false"),
    "null": ("nothing", "пустое значение"),
    "date": ("a date as YYYY-MM-DD", "дата в виде ГГГГ-ММ-ДД"),
    "mapping": ("a mapping", "словарь"),
    "list": ("a list", "список"),
    "plain": ("a plain value", "другое значение"),
    "quoted": ("a quoted text", "текст в кавычках"),
    "write-true": (" (write true)", " (для «да» пишите true)"),
    "write-false": (" (write false)", " (для «нет» пишите false)"),
    "unquote": (" (write the number without quotes)", " (пишите число без кавычек)"),
    "kebab": (
        "lower-case words joined by hyphens, like internal-passport-only",
        "строчные слова через дефис, например internal-passport-only",
    ),
    "snake": (
        "lower-case words joined by underscores, like service_status",
        "строчные слова через подчёркивание, например service_status",
    ),
    "risk-ref": (
        "route-id/risk-id, like defend-in-proceedings/art-337-5",
        "вариант/риск, например defend-in-proceedings/art-337-5",
    ),
    "url": ("a web address starting with http:// or https://", "веб-адрес, начинающийся с http:// или https://"),
}

_FACT_TYPES: dict[str, tuple[str, str]] = {
    "bool": ("bool", "да/нет"),
    "choice": ("choice", "выбор"),
    "date": ("date", "дата"),
    "number": ("number", "число"),
}

_OWNER_KINDS: dict[str, tuple[str, str]] = {
    "fact": ("fact", "факт"),
    "situation": ("situation", "ситуация"),
    "route": ("route", "вариант действий"),
    "risk": ("risk", "риск"),
    "law": ("law", "норма"),
    "source": ("source", "источник"),
    "deadline": ("deadline", "срок"),
    "pack": ("pack", "набор"),
    "country": ("country", "страна"),
}
_OWNER_PARTS: dict[str, tuple[str, str]] = {
    "question": ("question", "вопрос"),
    "help": ("help", "пояснение"),
    "title": ("title", "заголовок"),
    "summary": ("summary", "описание"),
    "reason": ("reason", "основание"),
    "step": ("step", "шаг"),
    "document": ("document", "документ"),
    "penalties": ("penalties", "наказание"),
    "note": ("note", "примечание"),
    "choice": ("choice", "вариант"),
    "name": ("name", "название"),
    "attribute": ("attribute", "признак"),
}


def _code_words(value: str, lang: Lang) -> str:
    words = [_CODES[v][1 if lang == "ru" else 0] if v in _CODES else v for v in value.split("|")]
    return (" или " if lang == "ru" else " or ").join(words) if len(words) > 1 else words[0]


def owner_words(owner: object, lang: Lang | str) -> str:
    """An Owner ("route 'x' title") in words."""
    kind = str(getattr(owner, "kind", ""))
    ident = str(getattr(owner, "id", ""))
    part = str(getattr(owner, "part", ""))
    detail = str(getattr(owner, "detail", ""))
    index = 1 if lang == "ru" else 0
    word = _OWNER_KINDS.get(kind, (kind, kind))[index]
    if not ident:
        return word
    text = f"{word} «{ident}»" if lang == "ru" else f"{word} '{ident}'"
    if part:
        part_word = _OWNER_PARTS.get(part, (part, part))[index]
        text += f", {part_word}" if lang == "ru" else f" {part_word}"
        if detail:
            text += f" «{detail}»" if lang == "ru" else f" '{detail}'"
    return text


_OR_UNKNOWN = ", or unknown"


def error_text(template: str, lang: Lang | str, params: dict[str, object], suggestion: str = "") -> str:
    """An error or problem message in the user's language."""
    ru = lang == "ru"
    text = template
    if ru:
        # A case fact may also be `unknown`; the schema appends that to the base message.
        base, tail = (template[: -len(_OR_UNKNOWN)], " (или unknown)") if template.endswith(_OR_UNKNOWN) else (template, "")
        text = ERRORS_RU.get(base, base) + tail
    values: dict[str, object] = {}
    for name, value in params.items():
        if hasattr(value, "render"):
            values[name] = str(value.render("ru" if ru else "en"))
        elif name == "ftype" and isinstance(value, str):
            values[name] = _FACT_TYPES.get(value, (value, value))[1 if ru else 0]
        elif name in ("expected", "found", "extra", "form") and isinstance(value, str):
            values[name] = _code_words(value, "ru" if ru else "en") if value else ""
        else:
            values[name] = value
    if suggestion:
        values["hint"] = f" (возможно, «{suggestion}»?)" if ru else f" (did you mean '{suggestion}'?)"
    else:
        values["hint"] = ""
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
