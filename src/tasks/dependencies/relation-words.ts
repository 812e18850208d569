/**
 * The dependency grammar's vocabulary, as data: per language, the words that state an order
 * between two sets of tasks and the direction each implies. Adding a language is adding rows.
 *
 * - `waits`: the side written before the word waits for the side after it ("T002 depends on
 *   T001", "T002 after T001"); `first`: the side before comes first ("T001 blocks T002",
 *   "T001 before T002", "T001 → T002").
 * - `object: "before"`: a postposition, the word follows the task it names ("T001 完了後",
 *   "T001 완료 후": after T001); the other side is written after it, before the object, or is the
 *   task whose text holds the statement.
 * - `field`: a label ("Dependencies: T002, T005"): the left side is the task that owns the text,
 *   the right side every id up to the end of the clause.
 * - `strict`: the word is also a common noun ("block"): it relates ids written right beside it.
 */

export type RelationDirection = "waits" | "first";

export interface RelationWord {
  lang: string;
  /** Regular expression source, matched case-insensitively at word boundaries where it has letters. */
  words: string;
  direction: RelationDirection;
  object?: "after" | "before";
  field?: boolean;
  strict?: boolean;
}

const FIELD_END = "\\s*[:：]";
/** An optional adverb between a verb and its preposition ("depends strictly on", "dépend impérativement de"). */
const ADVERB = (ending: string): string => `(?:\\s+\\p{L}+${ending})?`;

export const RELATION_WORDS: readonly RelationWord[] = [
  // Fields (longest first: they contain the plain words below).
  {
    lang: "en",
    words: `(?:dependencies|dependency|depends(?:\\s+on)?|deps|prerequisites?|requires|blocked\\s+by|after)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "es",
    words: `(?:dependencias|dependencia|depende\\s+de|requiere|requisitos)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "pt",
    words: `(?:dependências|dependencias|dependência|depende\\s+de|requer|pré-requisitos)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "fr",
    words: `(?:dépendances|dépendance|dépend\\s+de|prérequis)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "de",
    words: `(?:abhängigkeiten|abhängigkeit|abhängig\\s+von|voraussetzungen)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "it",
    words: `(?:dipendenze|dipendenza|dipende\\s+da|prerequisiti)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "ru",
    words: `(?:зависимости|зависимость|зависит\\s+от|требует)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "zh",
    words: `(?:依赖任务|依賴任務|依赖项|依賴項|依赖关系|依賴關係|依赖|依賴|前置任务|前置任務|前置条件|前置)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "ja",
    words: `(?:依存タスク|依存関係|依存先|依存|前提タスク|前提条件|前提|先行タスク)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "ko",
    words: `(?:의존\\s*(?:작업|태스크)|의존성|의존|선행\\s*(?:작업|태스크)|선행\\s*조건|선행)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "vi",
    words: `(?:phụ\\s+thuộc(?:\\s+vào)?|điều\\s+kiện\\s+tiên\\s+quyết|tiên\\s+quyết)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "tr",
    words: `(?:bağımlılıklar|bağımlılık|bağlı\\s+olduğu|ön\\s+koşullar?)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "id",
    words: `(?:dependensi|ketergantungan|bergantung\\s+pada|tergantung\\s+pada|prasyarat)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "pl",
    words: `(?:zależności|zależność|zależy\\s+od|wymagania\\s+wstępne)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  {
    lang: "nl",
    words: `(?:afhankelijkheden|afhankelijk\\s+van|vereisten)${FIELD_END}`,
    direction: "waits",
    field: true,
  },
  { lang: "uk", words: `(?:залежності|залежить\\s+від)${FIELD_END}`, direction: "waits", field: true },
  {
    lang: "ar",
    words: `(?:الاعتماديات|التبعيات|المتطلبات\\s+المسبقة|يعتمد\\s+على|تعتمد\\s+على)${FIELD_END}`,
    direction: "waits",
    field: true,
  },

  // English.
  { lang: "en", words: "(?:is\\s+|are\\s+)?blocked\\s+(?:by|on)", direction: "waits" },
  { lang: "en", words: `depend(?:s|ing|ent)?${ADVERB("ly")}\\s+(?:up)?on`, direction: "waits" },
  { lang: "en", words: "(?<!at\\s)once|as\\s+soon\\s+as", direction: "waits" },
  { lang: "en", words: "(?:only\\s+)?after", direction: "waits" },
  { lang: "en", words: "wait(?:s|ing)?\\s+(?:for|on)", direction: "waits" },
  { lang: "en", words: "requires?|needs?", direction: "waits" },
  { lang: "en", words: "blocks?|blocking", direction: "first", strict: true },
  {
    lang: "en",
    words: "before|precedes?|prior\\s+to|ahead\\s+of|consumed\\s+by|followed\\s+by|unblocks?",
    direction: "first",
  },
  // Arrows, any language.
  { lang: "*", words: "[-─=]*(?:→|⟶|⇒|➡|➔|->|=>)", direction: "first" },
  // Spanish.
  { lang: "es", words: `dependen?${ADVERB("mente")}\\s+(?:de|del)`, direction: "waits" },
  { lang: "es", words: "una\\s+vez(?:\\s+que)?|en\\s+cuanto", direction: "waits" },
  { lang: "es", words: "después\\s+(?:de|del)|tras", direction: "waits" },
  { lang: "es", words: "requieren?|necesitan?|bloquead[oa]s?\\s+por", direction: "waits" },
  { lang: "es", words: "bloquean?", direction: "first", strict: true },
  { lang: "es", words: "antes\\s+(?:de|del)", direction: "first" },
  // Portuguese.
  { lang: "pt", words: `dependem?${ADVERB("mente")}\\s+(?:de|da|do|das|dos)`, direction: "waits" },
  { lang: "pt", words: "assim\\s+que|uma\\s+vez\\s+que|aguardam?", direction: "waits" },
  { lang: "pt", words: "após|depois\\s+(?:de|da|do|das|dos)", direction: "waits" },
  { lang: "pt", words: "requerem?|precisam?\\s+(?:de|da|do)|bloquead[oa]s?\\s+por", direction: "waits" },
  { lang: "pt", words: "bloqueiam?", direction: "first", strict: true },
  { lang: "pt", words: "antes\\s+(?:de|da|do|das|dos)", direction: "first" },
  // French.
  { lang: "fr", words: `dépend(?:ent)?${ADVERB("ment")}\\s+(?:de|du|des)`, direction: "waits" },
  { lang: "fr", words: "une\\s+fois(?:\\s+que)?|dès\\s+que|attend(?:ent)?", direction: "waits" },
  { lang: "fr", words: "après|nécessitent|nécessite|requiert|bloquée?s?\\s+par", direction: "waits" },
  { lang: "fr", words: "bloquent|bloque", direction: "first", strict: true },
  { lang: "fr", words: "avant", direction: "first" },
  // German.
  {
    lang: "de",
    words:
      "hängt(?:\\s+\\p{L}+)?\\s+von|hängen(?:\\s+\\p{L}+)?\\s+von|abhängig\\s+von|blockiert\\s+durch|benötigt|erfordert|wartet\\s+auf|warten\\s+auf|sobald|nach",
    direction: "waits",
  },
  { lang: "de", words: "blockiert", direction: "first", strict: true },
  { lang: "de", words: "vor", direction: "first" },
  // Italian.
  {
    lang: "it",
    words: `dipend(?:e|ono)${ADVERB("mente")}\\s+(?:da|dal|dalla|dai|dalle)|dopo|richied(?:e|ono)|bloccat[oa]\\s+da|una\\s+volta(?:\\s+che)?|non\\s+appena`,
    direction: "waits",
  },
  { lang: "it", words: "blocca(?:no)?", direction: "first", strict: true },
  { lang: "it", words: "prima\\s+(?:di|del|della|dei)", direction: "first" },
  // Russian.
  {
    lang: "ru",
    words: "завис(?:ит|ят)(?:\\s+\\p{L}+о)?\\s+от|после|требу(?:ет|ют)|заблокирован[аоы]?|ждёт|ждет|как\\s+только",
    direction: "waits",
  },
  { lang: "ru", words: "блокиру(?:ет|ют)", direction: "first", strict: true },
  { lang: "ru", words: "перед|раньше", direction: "first" },
  // Chinese.
  { lang: "zh", words: "依赖于|依賴於|依赖|依賴|取决于|取決於|需要|等待", direction: "waits" },
  { lang: "zh", words: "完成后|完成之后|之后", direction: "waits", object: "before" },
  { lang: "zh", words: "阻塞|先于", direction: "first", strict: true },
  { lang: "zh", words: "之前", direction: "first", object: "before" },
  // Japanese.
  {
    lang: "ja",
    words:
      "に依存(?:する|します|している)?|の完了を待って|の完了を待つ|を待って|が完了してから|完了してから|の完了後|完了後|の後に?|が必要",
    direction: "waits",
    object: "before",
  },
  { lang: "ja", words: "の前に|より前に?", direction: "first", object: "before" },
  // Korean.
  {
    lang: "ko",
    words: "에\\s*의존(?:한다|합니다)?|완료\\s*후(?:에)?|완료\\s*필요|이후(?:에)?|다음에|뒤에",
    direction: "waits",
    object: "before",
  },
  { lang: "ko", words: "이전에|보다\\s*먼저", direction: "first", object: "before" },
  // Vietnamese.
  {
    lang: "vi",
    words: "phụ\\s+thuộc(?:\\s+vào)?|sau\\s+khi|chờ(?:\\s+đợi)?|cần\\s+có|yêu\\s+cầu\\s+có",
    direction: "waits",
  },
  { lang: "vi", words: "sau", direction: "waits", strict: true },
  { lang: "vi", words: "trước\\s+khi", direction: "first" },
  { lang: "vi", words: "trước|chặn", direction: "first", strict: true },
  // Turkish: postpositions after the task they name ("T004'e bağlı", "T004'ten sonra").
  {
    lang: "tr",
    words: "bağlı(?:dır)?|bağımlı(?:dır)?|(?:tamamlandıktan\\s+)?sonra|gerektirir",
    direction: "waits",
    object: "before",
  },
  { lang: "tr", words: "önce", direction: "first", object: "before" },
  // Indonesian.
  {
    lang: "id",
    words: "(?:bergantung|tergantung)\\s+(?:pada|kepada)|setelah|sesudah|menunggu|membutuhkan|memerlukan",
    direction: "waits",
  },
  { lang: "id", words: "sebelum", direction: "first" },
  { lang: "id", words: "memblokir", direction: "first", strict: true },
  // Polish.
  {
    lang: "pl",
    words: "zależ(?:y|ą)(?:\\s+\\p{L}+o)?\\s+od|po\\s+(?:zakończeniu|ukończeniu)|wymaga(?:ją)?|czeka(?:ją)?\\s+na",
    direction: "waits",
  },
  { lang: "pl", words: "po", direction: "waits", strict: true },
  { lang: "pl", words: "przed", direction: "first" },
  { lang: "pl", words: "blokuj(?:e|ą)", direction: "first", strict: true },
  // Dutch.
  {
    lang: "nl",
    words: "hang(?:t|en)\\s+af\\s+van|afhankelijk\\s+van|vereist|wacht(?:en)?\\s+op|na\\s+afronding\\s+van",
    direction: "waits",
  },
  { lang: "nl", words: "na", direction: "waits", strict: true },
  { lang: "nl", words: "vóór|voorafgaand\\s+aan", direction: "first" },
  { lang: "nl", words: "blokkeert", direction: "first", strict: true },
  // Ukrainian.
  { lang: "uk", words: "залеж(?:ить|ать)\\s+від|після|потребу(?:є|ють)|чекає\\s+на", direction: "waits" },
  { lang: "uk", words: "перед", direction: "first" },
  { lang: "uk", words: "блокує", direction: "first", strict: true },
  // Arabic.
  {
    lang: "ar",
    words: "(?:ي|ت)عتمد(?:ان|ون)?\\s+على|بعد|(?:ي|ت)تطلب|(?:ي|ت)حتاج(?:\\s+إلى)?|(?:ي|ت)نتظر",
    direction: "waits",
  },
  { lang: "ar", words: "قبل", direction: "first" },
  { lang: "ar", words: "(?:ي|ت)حظر", direction: "first", strict: true },
];

/**
 * Words that, right before a relation word, deny it or make it advice ("recommended after") ("no dependency on", "无依赖", "sin
 * depender de", "без зависимости"), and words that, as the whole other side, mean "none".
 */
export const NEGATIONS =
  /(?:\b(?:no|not|without|never|none|sin|sem|sans|ohne|keine?|senza|non|nenhuma?|ninguna?|ningún|aucune?|nicht|recommended|suggested|preferably|ideally|optionally|recomendado|recomenda-se|se\s+recomienda|recommandé|empfohlen|consigliato)\b|рекомендуется|желательно|推荐|建议|推奨|권장|(?:^|\s)(?:без|не|нет|ни|немає|không|chưa|tanpa|tidak|bez|nie|zonder|geen|niet|بدون|دون|لا)(?=\s|$)|[无無不没沒非]|없이|않)[\s*_]*$/iu;

/** Words that point back to the task the previous clause named ("T007 depends on it"). */
export const PRONOUN =
  /^\s*(?:it|this(?:\s+(?:one|task))?|that(?:\s+(?:one|task))?|them|these|those|celle-ci|celui-ci|esta|este|ella|él|dieser|diesem|davon)(?![\p{L}\p{N}])/iu;

/**
 * A workaround note: "the type exists only after T010; until then pass null". Its "after" says when
 * something becomes available, not that the task holding the note waits.
 */
export const WORKAROUND =
  /\b(?:until\s+then|in\s+the\s+meantime|meanwhile|en\s+attendant|d'ici\s+là|hasta\s+entonces|mientras\s+tanto|até\s+lá|enquanto\s+isso|bis\s+dahin|nel\s+frattempo|fino\s+ad\s+allora)\b|(?<![\p{L}])(?:до\s+тех\s+пор|trong\s+lúc\s+chờ|o\s+zamana\s+kadar)(?![\p{L}])|在此之前|在那之前|それまで|그때까지/iu;

/** Words that may stand between a task id and a noun-like relation word ("T001 must block T002"). */
export const STRICT_FILLERS =
  /^(?:\s|must|will|should|also|still|all|both|fully|completely|does|do|to|can|may|then|currently|будет|должна?|debe|deve|muss|doit|deve)*$/iu;

/** "Tests T020–T023 come before their matching implementations T024–T027": one to one. */
export const PAIRWISE =
  /\b(?:matching|corresponding|respective|respectivas?|respectivos?|correspondientes?|correspondentes?|correspondants?|entsprechenden?|corrispondenti|соответствующ\w*)\b|对应的|対応する|대응하는/iu;

/** "T001 blocks all later tasks", "T001 阻塞所有后续": the other side is every task after it. */
export const ALL_LATER =
  /^\s*(?:all\s+(?:the\s+)?(?:later|subsequent|following|remaining)\s+tasks|todas\s+(?:as|las)\s+(?:tarefas|tareas)\s+(?:seguintes|siguientes|posteriores)|toutes\s+les\s+tâches\s+suivantes|alle\s+(?:folgenden|weiteren)\s+(?:Aufgaben|Tasks)|tutti\s+i\s+task\s+successivi|все\s+последующие(?:\s+задачи)?|所有后续(?:任务)?|后续所有(?:任务)?|以降の(?:すべての)?タスク|이후\s*모든\s*작업)/iu;

/** A clause saying the tasks it names run one after another. */
export const SEQUENTIAL =
  /\b(?:must\s+(?:be|run)\s+(?:done\s+)?sequential(?:ly)?|sequential|in\s+sequence|secuencial(?:mente)?|sequencial(?:mente)?|séquentiel(?:lement)?|nacheinander|sequenziale|sequenzialmente|sırayla|sıralı|berurutan|kolejno|sekwencyjnie|opeenvolgend)\b|(?<![\p{L}])(?:последовательно|послідовно|tuần\s+tự|lần\s+lượt|بالتتابع|بالتسلسل)(?![\p{L}])|顺序执行|串行|依次|順番に|逐次|順次|直列|순차적으로|순차\s*실행/iu;

export interface CompiledRelation {
  entry: RelationWord;
  source: string;
}

/**
 * One alternation over every row (longest rows first within the table's order), with the row per
 * group; and `quick`, the same words without boundaries, to skip lines that hold none at once.
 */
export function compileRelations(rows: readonly RelationWord[] = RELATION_WORDS): {
  pattern: RegExp;
  rows: readonly RelationWord[];
  quick: RegExp;
} {
  const parts = rows.map((row) => {
    const letters =
      /^[\p{L}(\\]/u.test(row.words) &&
      !/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(row.words);
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(row.words);
    const start = letters && !cjk ? "(?<![\\p{L}\\p{N}_])" : "";
    const end = row.field || cjk || !letters ? "" : "(?![\\p{L}\\p{N}_])";
    return `(${start}(?:${row.words})${end})`;
  });
  return {
    pattern: new RegExp(parts.join("|"), "giu"),
    rows,
    quick: new RegExp(rows.map((r) => (r.field ? r.words.replace(FIELD_END, "") : r.words)).join("|"), "iu"),
  };
}
