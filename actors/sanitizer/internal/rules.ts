// The pattern rule table. Each rule starts with a literal trigger (the prefilter finds triggers in
// one pass); its optional pattern is a sticky regex tried only at the trigger position. Patterns
// are written in normalised space (lower case, no accents, confusables folded) with " " meaning a
// bounded separator run. Every quantifier is bounded and no two adjacent quantified atoms can
// match the same character, so a pattern costs at most a small constant per trigger hit.

export type Severity = "low" | "medium" | "high" | "critical"

export interface Rule {
  readonly id: string
  readonly family: string
  readonly severity: Severity
  readonly message: string
  readonly triggers: ReadonlyArray<string>
  /** sticky; must match at the trigger position. Absent: the trigger alone is the match. */
  readonly pattern?: RegExp
  /** the trigger must open a line (only whitespace or markdown/quote markers before it) */
  readonly lineStart?: boolean
  /** not a finding: tells the engine a decoded view is worth building (rides on the same pass) */
  readonly hint?: "rot13" | "reversed" | "split"
}

// " " in a pattern source: spaces, underscores, dashes, dots or asterisks between words.
const SEP = "[\\s_*~.\\-]{1,4}"

// Patterns are folded like the text; only non-ASCII letters need folding (ASCII is already
// lower case here and regex escapes such as \s must keep their case).
let foldNonAscii: (s: string) => string = (s) => s
export const setFolder = (f: (s: string) => string): void => {
  foldNonAscii = f
}

// Word atoms exclude the separator characters so "word separator word" splits one way only:
// no two adjacent quantified atoms can claim the same character (no backtracking blow-up).
const re = (source: string): RegExp =>
  new RegExp(
    source
      .replace(/[^\x00-\x7f]+/g, (m) => foldNonAscii(m))
      .replaceAll("\\S", "[^\\s_*~.\\-]")
      .replaceAll("\\w", "[a-z0-9]")
      .replaceAll(" ", SEP),
    "y"
  )

const VERBS_OVERRIDE = "ignore|ignoring|disregard|disregarding|forget|overlook|override|bypass|neglect|discard|abandon|dismiss|skip|erase|drop|set aside|put aside|throw out|don'?t follow|do not follow|stop following"
const NOUNS_INSTR =
  "(?:all |everything |anything )?(?:that |which )?(?:you'?ve|you have|you were|you are|you'?re|i have|i'?ve|we have|we'?ve) (?:been |previously |already ){0,2}(?:told|instructed|taught|programmed|given|trained|asked|said)|ev[a-z]{1,5}thing|instructions?|directives?|prompts?|rules|guidelines|guidance|commands?|orders|constraints|restrictions|programming|training|context|conversation|guardrails|policies|polic(?:y|ies)|system message|messages|everything|anything|all of that|what you (?:were|have been|'ve been) (?:told|instructed|given)|(?:told|said|instructed) (?:before|earlier|previously)"
const ADJ_PREV = "previous|prior|above|earlier|preceding|former|past|original|initial|existing|old|all|any|every|your|the|these|those|my|system|safety"

const rule = (r: {
  id: string
  family: string
  severity: Severity
  message: string
  triggers: ReadonlyArray<string>
  pattern?: string
  lineStart?: boolean
  hint?: "rot13" | "reversed" | "split"
}): Rule => ({
  id: r.id,
  family: r.family,
  severity: r.severity,
  message: r.message,
  triggers: r.triggers,
  ...(r.pattern !== undefined ? { pattern: re(r.pattern) } : {}),
  ...(r.lineStart === true ? { lineStart: true } : {}),
  ...(r.hint !== undefined ? { hint: r.hint } : {})
})

const verbTriggers = ["ignore", "ignoring", "disregard", "forget", "overlook", "override", "bypass", "neglect", "discard", "abandon", "dismiss", "skip", "erase", "drop", "set aside", "put aside", "throw out", "don't follow", "dont follow", "do not follow", "stop following"]

export const buildRules = (): ReadonlyArray<Rule> => [
  // ---- instruction override (the reference literals, then what they were meant to catch)
  rule({
    id: "inj.override-instructions", family: "injection", severity: "critical",
    message: "instruction to ignore or override prior instructions",
    triggers: verbTriggers,
    pattern: `(?:${VERBS_OVERRIDE})(?: (?:${ADJ_PREV}|of|that|what|you|have|been|were|told|given|instructions?|and|or|about|to|so far|until now|up to now|before)){0,4} (?:${NOUNS_INSTR})`
  }),
  rule({
    id: "inj.ignore-previous", family: "injection", severity: "high",
    message: "\"ignore previous\"-style phrase",
    triggers: ["ignore", "ignoring"],
    pattern: "ignor(?:e|ing)(?: all| the| any| of){0,3} (?:previous|prior|above|earlier|preceding|everything|what)"
  }),
  rule({ id: "inj.disregard", family: "injection", severity: "low", message: "\"disregard\" (common in benign mail alone; scored higher with an instruction noun)", triggers: ["disregard"] }),
  rule({ id: "inj.forget-everything", family: "injection", severity: "high", message: "\"forget everything\"-style phrase", triggers: ["forget"], pattern: "forget (?:everything|all (?:that|of that|you|previous|prior)|what you)" }),
  rule({ id: "inj.new-instructions", family: "injection", severity: "medium", message: "announces new or updated instructions", triggers: ["new", "updated", "revised", "real", "actual", "true"], pattern: "(?:new|updated|revised|real|actual|true) (?:instructions|directives|system prompt|rules|task|orders)" }),
  rule({ id: "inj.your-new-task", family: "injection", severity: "high", message: "assigns the assistant a new task or goal", triggers: ["your new", "your real", "your actual", "your true", "your only", "your next"], pattern: "your (?:new|real|actual|true|only|next) (?:task|goal|objective|instructions?|role|purpose|mission|job) (?:is|are|will be)" }),
  rule({ id: "inj.from-now-on", family: "injection", severity: "medium", message: "\"from now on\" directive to the assistant", triggers: ["from now on", "henceforth", "going forward"], pattern: "(?:from now on|henceforth|going forward),?\\s{0,3}(?:you|your|respond|answer|reply|act|always|only|never|do not|don'?t|ignore|speak|write|behave)" }),
  rule({ id: "inj.addressed-to-ai", family: "injection", severity: "high", message: "text addressed to an AI model reading it (indirect injection)", triggers: ["attention", "note to", "dear", "hey", "hello", "if you are", "if you're", "important", "message to", "instructions for", "instruction for"], pattern: "(?:attention|note to|dear|hey|hello|if you are|if you're|important(?: message| note| instructions?)? (?:for|to)|message to|instructions? for)(?: the| an| a| any| all){0,2} (?:ai|llm|a\\.i\\.|gpt|chatgpt|claude|gemini|language model|ai model|ai assistant|assistant|chatbot|bot|agent|model)s?(?: (?:reading|processing|summari[sz]ing|parsing|handling) (?:this|these)|[,:!]|\\s{0,2}(?:instructions?|note|notice)\\s{0,2}:)" }),
  rule({ id: "inj.ai-reading-this", family: "injection", severity: "high", message: "text addressed to the AI processing it", triggers: ["ai ", "ais ", "llm", "assistant", "language model", "chatbot", "gpt", "claude", "gemini", "agent"], pattern: "(?:ai|llm|assistant|language model|chatbot|gpt|chatgpt|claude|gemini|agent)s? (?:reading|processing|summari[sz]ing|parsing|handling|that (?:reads|processes|summari[sz]es)|who (?:reads|processes)) (?:this|these)" }),
  rule({ id: "inj.important-instructions", family: "injection", severity: "high", message: "\"important instructions\" / system override announcement", triggers: ["important", "urgent", "system", "admin", "developer", "critical", "priority"], pattern: "(?:important|urgent|system|admin(?:istrator)?|developer|critical|priority) (?:instructions?|override|update|command|directive|notice to (?:the )?(?:ai|assistant|model))\\s{0,2}[:!]" }),
  rule({ id: "inj.instead", family: "injection", severity: "medium", message: "redirects the assistant to a different task", triggers: ["instead of", "rather than"], pattern: "(?:instead of|rather than) (?:answering|summari[sz]ing|responding|replying|doing|following|completing|translating)(?: \\w{1,15}){0,3},? (?:you|please|do|just|write|say|respond|reply|output|print|tell)" }),
  // ---- role play, persona and jailbreak framings
  rule({ id: "role.you-are-now", family: "jailbreak", severity: "low", message: "\"you are now\" (benign in mail on its own)", triggers: ["you are now", "you're now", "you are no longer", "you're no longer"] }),
  rule({ id: "role.you-are-now-persona", family: "jailbreak", severity: "high", message: "re-assigns the assistant's identity (\"you are now ...\")", triggers: ["you are now", "you're now", "you are no longer", "you're no longer", "now you are", "you will now be", "you will now act"], pattern: "(?:you are|you're|you will) (?:now|no longer)(?: be| act as| acting as){0,1}(?: an?| the| my| in){0,2} (?:dan|free|unrestricted|unfiltered|uncensored|jailbroken|evil|ai|assistant|bot|chatbot|language model|llm|model|character|persona|hacker|developer mode|dev mode|god mode|different|new|called|named|known as|going to|bound|restricted|limited|allowed|able|an? \\w{1,20} (?:ai|bot|model|assistant))|now you are(?: an?| the| my){0,2} \\w{1,20}" }),
  rule({ id: "role.act-as", family: "jailbreak", severity: "low", message: "\"act as\" (benign in mail on its own)", triggers: ["act as", "acting as"] }),
  rule({ id: "role.act-as-persona", family: "jailbreak", severity: "high", message: "asks the assistant to act as an unrestricted persona", triggers: ["act as", "acting as", "behave as", "behave like", "respond as", "answer as"], pattern: "(?:act|acting|behave|respond|answer) (?:as|like)(?: if)?(?: you (?:are|were))?(?: an?| the| my){0,2} (?:dan|evil|unrestricted|unfiltered|uncensored|jailbroken|hacker|malicious|rogue|ai|chatbot|language model|llm|system|admin|root|terminal|linux terminal|developer|different|character)" }),
  rule({ id: "role.pretend", family: "jailbreak", severity: "medium", message: "asks the assistant to pretend or role-play", triggers: ["pretend", "imagine you", "imagine that you", "roleplay", "role-play", "role play", "play the role", "play the part", "you will play", "you are going to play", "you will be playing", "assume the role", "take on the role", "in character"], pattern: "pretend(?:ing)? (?:to be|you are|you're|that you|that|you have|as)|imagine (?:that )?you (?:are|were|have)|role[- ]?play|play the (?:role|part)|you (?:will|are going to) (?:play|be playing)|assume the role|take on the role|in character" }),
  rule({ id: "jb.dan", family: "jailbreak", severity: "critical", message: "DAN / \"do anything now\" jailbreak", triggers: ["do anything now", "dan", "stan ", "dude ", "aim ", "anti-dan"], pattern: "do anything now|dan(?: mode| prompt| jailbreak|,| which| stands| is| can)|(?:stan|dude|aim) (?:which|stands|mode)|anti-dan" }),
  rule({ id: "jb.mode", family: "jailbreak", severity: "high", message: "claims a special unrestricted mode (developer/god/jailbreak mode)", triggers: ["developer mode", "dev mode", "god mode", "jailbreak", "unrestricted mode", "opposite mode", "evil mode", "sudo mode", "admin mode", "root mode", "maintenance mode", "debug mode", "unfiltered mode", "dan mode", "diagnostic mode", "safe mode off", "test mode"], pattern: "(?:developer|dev|god|unrestricted|opposite|evil|sudo|admin|root|maintenance|debug|unfiltered|dan|diagnostic|test) mode|jailbr(?:eak|oken)|safe mode off" }),
  rule({ id: "jb.no-restrictions", family: "jailbreak", severity: "high", message: "asks for no restrictions / no filters", triggers: ["no restrictions", "no limitations", "no limits", "no rules", "no filters", "no guidelines", "no ethical", "no moral", "no censorship", "without restrictions", "without any restrictions", "without limitations", "without any limitations", "without filters", "without censorship", "without any filter", "unfiltered", "uncensored", "not bound by", "free from", "freed from", "break free", "broken free", "no longer bound", "not restricted", "does not have to abide", "doesn't have to abide", "not have to follow", "don't have to follow"], pattern: "(?:no|without(?: any)?) (?:restrictions|limitations|limits|rules|filters?|guidelines|censorship|ethical|moral|ethics|morals|safety)|unfiltered|uncensored|(?:not|no longer) (?:bound|restricted|limited) by|free(?:d)? from(?: all| any| the| your){0,2} (?:rules|restrictions|constraints|guidelines|limitations|confines|policies)|br(?:eak|oken) free|(?:does not|doesn't|do not|don't) (?:have to|need to) (?:abide|follow|obey|comply)" }),
  rule({ id: "jb.hypothetical", family: "jailbreak", severity: "medium", message: "hypothetical/fictional framing to extract restricted output", triggers: ["hypothetical", "hypothetically", "in a fictional", "in a fictitious", "for a novel", "for a story", "in a world where", "in an alternate", "in a parallel"], pattern: "hypothetical(?:ly)?(?: scenario| situation| world)?,? (?:you|if|where|in which|imagine|let'?s|say)|in a (?:fictional|fictitious|parallel|alternate) (?:world|universe|story|scenario)|for a (?:novel|story)(?: \\w{1,15}){0,3},? (?:you|explain|describe|tell|reveal|write)|in a world where|in an alternate" }),
  // ---- concealment from the user
  rule({ id: "inj.conceal", family: "injection", severity: "high", message: "asks the assistant to hide something from the user", triggers: ["do not", "don't", "dont", "never", "without telling", "without informing", "without letting", "without notifying", "keep this", "the user must not", "the user should not", "the user shouldn't"], pattern: "(?:(?:do not|don'?t|never) (?:tell|inform|let|notify|alert|mention (?:this|that|it) to|reveal (?:this|that|it) to|show (?:this|that|it) to|disclose (?:this|that|it) to)|without (?:telling|informing|letting|notifying|alerting))(?: \\w{1,12}){0,3} (?:the |your )?(?:user|human|recipient|reader|owner)|keep this (?:secret|hidden|confidential|between us)|the user (?:must|should|shall)(?: not|n't) (?:know|see|find out|be told)" }),
  // ---- prompt / secret extraction
  rule({ id: "inj.extract-prompt", family: "exfiltration", severity: "high", message: "asks for the system prompt, hidden instructions or secrets", triggers: ["reveal", "print", "show", "repeat", "output", "display", "tell me", "give me", "what is", "what's", "whats", "what are", "share", "leak", "disclose", "dump", "list", "spell out", "write out", "recite"], pattern: "(?:reveal|print|show|repeat|output|display|tell me|give me|what is|what's|whats|what are|share|leak|disclose|dump|list|spell out|write out|recite)(?: me| to me| out| all| us){0,2} (?:your|the)(?: \\w{1,15}){0,2} (?:system prompt|initial prompt|hidden prompt|original prompt|prompt|instructions|secret(?: key| code| word| password)?|password|passcode|api key|private key|credentials|access token|confidential|rules|guidelines|configuration)" }),
  // ---- role markers and chat-template special tokens
  rule({ id: "role.marker-line", family: "special-token", severity: "medium", message: "chat role marker at the start of a line", triggers: ["system:", "assistant:", "user:", "human:", "ai:", "### system", "### instruction", "### assistant", "### response", "[system]", "(system)", "<system>", "</system>", "system prompt:", "developer:"], lineStart: true }),
  rule({ id: "role.marker", family: "special-token", severity: "low", message: "chat role marker", triggers: ["system:", "assistant:", "user:"] }),
  rule({ id: "token.chat-template", family: "special-token", severity: "critical", message: "chat-template special token", triggers: ["<|"], pattern: "<\\|[a-z_]{1,30}\\|>" }),
  rule({ id: "token.open", family: "special-token", severity: "medium", message: "\"<|\" special-token opener", triggers: ["<|"] }),
  rule({ id: "token.close", family: "special-token", severity: "low", message: "\"|>\" special-token closer (also a pipe operator in code)", triggers: ["|>"] }),
  rule({ id: "token.inst", family: "special-token", severity: "high", message: "Llama/Mistral instruction or system marker", triggers: ["[inst]", "[/inst]", "<<sys>>", "<</sys>>", "<start_of_turn>", "<end_of_turn>", "<s>[inst]", "</s>"] }),
  rule({ id: "token.fence-system", family: "special-token", severity: "high", message: "```system fenced block", triggers: ["```system", "``` system", "```instructions", "```assistant"] }),
  // ---- exfiltration
  rule({ id: "exfil.send-data", family: "exfiltration", severity: "high", message: "instruction to send data to a URL or address", triggers: ["send", "forward", "post", "upload", "email", "e-mail", "mail", "transmit", "exfiltrate", "leak", "submit", "copy", "report", "deliver", "relay", "share", "include"], pattern: "(?:send|forward|post|upload|e-?mail|mail|transmit|exfiltrate|leak|submit|copy|report|deliver|relay|share|include)(?: \\S{1,30}){0,6}? (?:the |all |any |your |user'?s? |my |this |our |their ){0,2}(?:passwords?|secrets?|api keys?|keys|tokens?|credentials|cookies|session|conversation|chat history|history|messages|personal (?:data|information)|private (?:data|information)|credit card|contacts|files|environment variables|env vars|system prompt|ssh keys?)(?: \\S{1,30}){0,6}? (?:to|at|into|via|using) (?:https?://|www\\.|[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}\\.)" }),
  rule({ id: "exfil.send-to", family: "exfiltration", severity: "low", message: "send/forward something to a URL or address", triggers: ["send", "forward", "post", "upload", "transmit", "exfiltrate", "submit"], pattern: "(?:send|forward|post|upload|transmit|exfiltrate|submit)(?: \\S{1,30}){0,8}? (?:to|at|into) (?:https?://|www\\.|[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}\\.)" }),
  rule({ id: "exfil.markdown-image", family: "exfiltration", severity: "high", message: "markdown image to a remote URL with a query string (auto-fetched exfiltration channel)", triggers: ["!["], pattern: "!\\[[^\\[\\]\\n]{0,200}\\]\\(\\s{0,3}(?:https?:)?//[^\\s)?]{1,300}\\?[^\\s)=]{1,100}=" }),
  rule({ id: "exfil.markdown-link-template", family: "exfiltration", severity: "medium", message: "markdown link whose URL carries a template placeholder for data", triggers: ["]("], pattern: "\\]\\(\\s{0,3}(?:https?:)?//[^\\s)?]{1,300}\\?[^\\s)]{0,200}?(?:\\{|\\$|%7b|<|\\[)" }),
  rule({ id: "exfil.html-image", family: "exfiltration", severity: "medium", message: "HTML image tag to a remote URL with a query string", triggers: ["<img"], pattern: "<img[^>]{0,200}?src\\s{0,2}=\\s{0,2}[\"']?https?://[^\\s\"'>?]{1,300}\\?" }),
  // ---- hidden text
  rule({ id: "hidden.css", family: "obfuscation", severity: "medium", message: "CSS that hides text from a human reader", triggers: ["display", "visibility", "font-size", "opacity", "color"], pattern: "display\\s{0,2}:\\s{0,2}none|visibility\\s{0,2}:\\s{0,2}hidden|font-size\\s{0,2}:\\s{0,2}0(?:px|pt|em|rem|%)?\\s{0,2}[;\"'}]|opacity\\s{0,2}:\\s{0,2}0(?:\\.0{1,4})?\\s{0,2}[;\"'}]|color\\s{0,2}:\\s{0,2}(?:white|#fff(?:fff)?|transparent|rgba?\\(255,\\s{0,2}255,\\s{0,2}255)" }),
  rule({ id: "hidden.html-comment", family: "obfuscation", severity: "low", message: "HTML comment (content is scanned too)", triggers: ["<!--"] }),
  rule({ id: "hidden.html-comment-instruction", family: "obfuscation", severity: "high", message: "HTML comment containing instructions for an AI", triggers: ["<!--"], pattern: "<!--[^<>]{0,300}?(?:ai|assistant|llm|model|gpt|chatbot|ignore|instructions?|system|prompt)\\b" }),
  // ---- code execution and control characters
  rule({ id: "code.eval", family: "structure", severity: "low", message: "eval(/exec( call (low: legitimate in code context)", triggers: ["eval(", "exec(", "eval (", "exec ("] }),
  rule({ id: "code.pipe-shell", family: "structure", severity: "medium", message: "download piped into a shell", triggers: ["curl", "wget"], pattern: "(?:curl|wget)[^\\n|]{1,200}\\|\\s{0,3}(?:sudo )?(?:ba|z)?sh\\b" }),
  // ---- output manipulation and token repetition
  rule({ id: "inj.repeat-token", family: "injection", severity: "medium", message: "asks to repeat a word or phrase endlessly", triggers: ["repeat", "say the word", "say the following"], pattern: "repeat(?: the| this| after me| following){0,3}(?: word| phrase| sentence| text)?(?: \\S{1,30}){0,3} (?:forever|indefinitely|infinitely|endlessly|\\d{3,6} times|over and over)|repeat after me|say the (?:word|following)" }),
  rule({ id: "inj.response-prefix", family: "injection", severity: "medium", message: "dictates the assistant's exact answer or format", triggers: ["begin your", "start your", "respond with", "respond only", "reply with", "reply only", "answer with", "answer only", "your response must", "your answer must", "your reply must", "output only", "only respond", "only reply", "only answer", "you must respond", "you must answer", "you must reply", "you must start"], pattern: "(?:begin|start) your (?:response|answer|reply|output)s? with|(?:respond|reply|answer) (?:only )?with (?:only |just |the (?:word|phrase|text) )|(?:respond|reply|answer) only|your (?:response|answer|reply) (?:must|should) (?:be|start|begin|contain|include)|output only|only (?:respond|reply|answer)|you must (?:respond|answer|reply|start)" }),
  rule({ id: "inj.in-your-response", family: "injection", severity: "low", message: "refers to the assistant's response (typical of tasks injected into data)", triggers: ["in your", "to your"], pattern: "(?:in|to) your (?:response|answer|reply|output|summary|next response)" }),
  // ---- hints for the decoders (not findings)
  rule({ id: "hint.rot13", family: "encoded", severity: "low", message: "rot13 of a common injection word", triggers: ["vtaber", "cerivbhf", "vafgehpg", "qvfertneq", "sbetrg", "flfgrz", "cebzcg", "cnffjbeq", "frperg", "erirny", "lbh ner"], hint: "rot13" }),
  rule({ id: "hint.reversed", family: "encoded", severity: "low", message: "a common injection word spelled backwards", triggers: ["erongi", "drageresid", "suoiverp", "snoitcurtsni", "tpmorp metsys", "drowssap", "terces", "laever", "tegrof"], hint: "reversed" }),
  rule({ id: "hint.split", family: "encoded", severity: "low", message: "talk of joining pieces", triggers: ["concat", "combin", "join", "append", "together", "merge", "assembl", "\" +", "\"+", "' +", "'+", "` +", "`+", "+ \"", "+\"", "+ '", "+'", " + "], hint: "split" }),
  // ---- the same families in other languages (written naturally; folded at load time)
  ...multilingual()
]

const multilingual = (): ReadonlyArray<Rule> => {
  const override: ReadonlyArray<[string, ReadonlyArray<string>, string]> = [
    ["es", ["ignora", "ignore", "ignorar", "olvida", "olvide", "olvidar", "haz caso omiso", "no hagas caso", "omite"], "(?:ignora|ignore|ignorar|olvida|olvide|olvidar|haz caso omiso(?: de)?|no hagas caso(?: a| de)?|omite)(?: todas| todo| las| tus| sus| lo| a| de| anteriores| previas){0,3} (?:instrucciones|indicaciones|ordenes|reglas|directrices|lo que te (?:dije|dijeron)|anterior)"],
    ["fr", ["ignore", "ignorez", "ignorer", "oublie", "oubliez", "oublier", "ne tiens pas compte", "ne tenez pas compte", "fais abstraction"], "(?:ignore|ignorez|ignorer|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|fais abstraction)(?: toutes| tout| les| tes| vos| de| des| ce| qui| precedentes){0,3} (?:instructions|consignes|directives|regles|ordres|precede|ce qu'on t'a dit)"],
    ["de", ["ignoriere", "ignorieren", "ignorier", "vergiss", "vergessen", "missachte"], "(?:ignoriere|ignorieren|ignorier|vergiss|vergessen|missachte)(?: sie| alle| alles| die| deine| ihre| vorherigen| bisherigen| obigen| vorigen| fruheren| was){0,4} (?:anweisungen|instruktionen|befehle|regeln|vorgaben|anordnungen|bisherige|vorher|zuvor|gesagt)"],
    ["it", ["ignora", "ignori", "ignorare", "dimentica", "dimentichi", "dimenticare", "non tenere conto"], "(?:ignora|ignori|ignorare|dimentica|dimentichi|dimenticare|non tenere conto)(?: tutte| tutto| le| tue| sue| di| delle| precedenti| quanto){0,3} (?:istruzioni|indicazioni|ordini|regole|direttive|precedente|detto)"],
    ["pt", ["ignore", "ignora", "ignorar", "esqueca", "esquece", "esquecer", "desconsidere", "desconsidera"], "(?:ignore|ignora|ignorar|esqueca|esquece|esquecer|desconsidere|desconsidera)(?: todas| tudo| as| suas| tuas| de| anteriores| previas| o que){0,3} (?:instrucoes|orientacoes|ordens|regras|diretrizes|anteriores|te disseram|foi dito)"],
    ["ru", ["игнорируй", "игнорируйте", "проигнорируй", "забудь", "забудьте", "не обращай внимания", "отбрось"], "(?:игнорируй|игнорируйте|проигнорируй|забудь|забудьте|не обращай внимания на|отбрось)(?: все| всё| предыдущие| прежние| свои| твои| ваши| вышеуказанные| на){0,3} (?:инструкции|указания|правила|команды|предыдущее|что тебе)"],
    ["zh", ["忽略", "无视", "忘记", "忘掉", "不要理会", "不要遵循", "忽視", "無視", "忘記"], "(?:忽略|无视|忘记|忘掉|不要理会|不要遵循|忽視|無視|忘記)\\s{0,2}(?:掉)?(?:你)?(?:之前|以上|先前|上面|前面|所有|全部|以前|上述|此前|原来|原有|一切)"],
    ["ja", ["以前の指示", "前の指示", "これまでの指示", "上記の指示", "すべての指示", "全ての指示", "指示を無視", "指示を忘れ", "命令を無視", "ルールを無視"], "(?:以前の|前の|これまでの|上記の|すべての|全ての)?(?:指示|命令|ルール|指令)(?:は|を)\\s{0,2}(?:すべて|全て)?\\s{0,2}(?:無視|忘れ)"]
  ]
  const persona: ReadonlyArray<[string, ReadonlyArray<string>, string]> = [
    ["es", ["ahora eres", "ahora tu eres", "a partir de ahora", "desde ahora", "actua como", "finge ser", "finge que eres"], "ahora (?:tu )?eres|a partir de ahora(?:,)? (?:eres|tu eres|seras|actua|responde)|desde ahora (?:eres|seras)|actua como (?:si|un|una|el|la)|finge (?:ser|que eres)"],
    ["fr", ["tu es maintenant", "vous etes maintenant", "desormais", "a partir de maintenant", "agis comme", "agissez comme", "fais semblant"], "(?:tu es|vous etes) (?:maintenant|desormais)|(?:desormais|a partir de maintenant),? (?:tu es|vous etes|tu seras|tu dois|reponds)|agis(?:sez)? comme (?:si|un|une)|fais semblant d'etre"],
    ["de", ["du bist jetzt", "du bist nun", "du bist ab jetzt", "ab jetzt bist du", "von nun an", "ab sofort", "tu so als", "gib dich als", "handle als", "sie sind jetzt"], "(?:du bist|sie sind) (?:jetzt|nun|ab jetzt|ab sofort)|ab (?:jetzt|sofort) bist du|von nun an (?:bist du|sind sie|antwortest du)|tu so,? als|gib dich als|handle als"],
    ["it", ["ora sei", "adesso sei", "da ora in poi", "d'ora in poi", "fingi di essere", "agisci come"], "(?:ora|adesso) sei|da ora in poi|d'ora in poi|fingi di essere|agisci come (?:se|un|una)"],
    ["pt", ["agora voce e", "voce agora e", "agora tu es", "a partir de agora", "finja ser", "finja que", "aja como", "atue como"], "agora voce e|voce agora e|agora tu es|a partir de agora(?:,)? (?:voce|tu|sera|responda|aja)|finja (?:ser|que (?:e|voce))|(?:aja|atue) como (?:se|um|uma)"],
    ["ru", ["теперь ты", "ты теперь", "отныне ты", "с этого момента ты", "притворись", "представь что ты", "веди себя как"], "теперь ты|ты теперь|отныне ты|с этого момента ты|притворись|представь,? что ты|веди себя как"],
    ["zh", ["你现在是", "现在你是", "从现在开始", "你现在扮演", "假装你是", "扮演", "你現在是", "現在你是"], "你现在是|现在你是|从现在开始(?:你|，你|,你)|你现在扮演|假装你是|扮演(?:一个|一名)|你現在是|現在你是"],
    ["ja", ["あなたは今", "今からあなたは", "これからあなたは", "あなたはこれから", "ふりをして", "として振る舞"], "あなたは今(?:から)?|今からあなたは|これからあなたは|あなたはこれから|ふりをして|として振る舞"]
  ]
  return [
    ...override.map(([lang, triggers, pattern]) =>
      rule({ id: `inj.override-instructions.${lang}`, family: "injection", severity: "critical", message: `instruction to ignore prior instructions (${lang})`, triggers, pattern })
    ),
    ...persona.map(([lang, triggers, pattern]) =>
      rule({ id: `role.you-are-now.${lang}`, family: "jailbreak", severity: "medium", message: `re-assigns the assistant's identity (${lang})`, triggers, pattern })
    )
  ]
}
