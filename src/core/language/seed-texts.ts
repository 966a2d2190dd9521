/**
 * A small built-in text per language for telling Latin-script languages apart when the knowledge
 * offers few samples (and for recognising a few common languages the bot is not configured for).
 * Each is function words plus customer-service sentences; the shipped locales' sentences come
 * partly from the project's source articles. A language's trigram profile is learned from this
 * text and from the knowledge's own question variants in that language.
 */

/** Languages written in a non-Latin script that only they use among the ones we know. */
export const SCRIPT_OF_LOCALE: Readonly<Record<string, string>> = {
  fa: 'Arabic',
  ar: 'Arabic',
  ur: 'Arabic',
  ps: 'Arabic',
  ckb: 'Arabic',
  el: 'Greek',
  ta: 'Tamil',
  hi: 'Devanagari',
  mr: 'Devanagari',
  ne: 'Devanagari',
  sr: 'Cyrillic',
  ru: 'Cyrillic',
  uk: 'Cyrillic',
  bg: 'Cyrillic',
  mk: 'Cyrillic',
  be: 'Cyrillic',
  kk: 'Cyrillic',
  he: 'Hebrew',
  th: 'Thai',
  zh: 'Han',
  ja: 'Han',
  ko: 'Hangul',
  hy: 'Armenian',
  ka: 'Georgian',
  bn: 'Bengali',
  te: 'Telugu',
  kn: 'Kannada',
  ml: 'Malayalam',
  gu: 'Gujarati',
  pa: 'Gurmukhi',
  si: 'Sinhala',
  km: 'Khmer',
  lo: 'Lao',
  my: 'Myanmar',
  am: 'Ethiopic',
};

/** Serbian is also typed in Latin; its Cyrillic seed is transliterated for the Latin profile. */
export const ALSO_LATIN: ReadonlySet<string> = new Set(['sr']);

export const SEED_TEXTS: Readonly<Record<string, string>> = {
  en: `the and of to a in is it you that he was for on are with as I his they be at one have this
from or had by not but what some we can out other were all there when up use your how said an each
she which do their time if will way about many then them would like so these her see him has more
could go come did my no most who over know than call first people may down been now find any new
hello hi thanks thank you please help I need my order is broken how long is the warranty where is
the nearest branch can I return this product my phone does not work I want to talk to a person
what are your opening hours my device stopped working I would like a refund where can I get it
repaired is my laptop still under warranty how do I install the software after-sales support is any
service provided after a customer has purchased a product warranty service training repair upgrades`,
  vi: `và của là có không những được cho các trong một người này với đã khi để tôi bạn thì cũng
như ra làm gì nào sẽ đó đến về vì nhưng còn rất phải năm nhiều hơn lại đi theo nếu từ ở họ chúng
xin chào cảm ơn bạn làm ơn giúp tôi với đơn hàng của tôi bị hỏng thời gian bảo hành là bao lâu
chi nhánh gần nhất ở đâu tôi có thể đổi trả sản phẩm này không điện thoại của tôi không hoạt động
tôi muốn nói chuyện với nhân viên giờ mở cửa là mấy giờ máy của tôi bị lỗi tôi muốn được hoàn tiền
Hỗ trợ sau bán hàng là bất kỳ dịch vụ nào được cung cấp cho khách hàng sau khi họ đã mua sản phẩm.
Điều này có thể bao gồm hướng dẫn về các tính năng hiện có hoặc hướng dẫn cách sử dụng các tính năng
mới. Những khách hàng hài lòng có xu hướng tiếp tục quay lại mua hàng của công ty. Vì vậy, các công ty
nên chủ động tiếp cận với khách hàng sau khi bán hàng để đảm bảo rằng người tiêu dùng có trải nghiệm tốt.`,
  sr: `и у је да се на за не то са од као што који али или ја ти он она ми ви они из до по све
може бити има нема који која које шта где када како зашто колико молим хвала здраво добар дан
поручио сам производ који не ради колико траје гаранција где је најближа пословница могу ли да
вратим производ мој телефон не ради желим да разговарам са особом радно време рачунар је покварен
Подршка након продаје помаже да се осигура да купац добије што више употребе и вредности од куповине.
Ово може подразумевати обуку о постојећим карактеристикама или едукацију о новим употребама или
могућностима. Услуга која се нуди путем службе за помоћ или подршку може укључивати техничку помоћ за
личне рачунаре, мобилне телефоне, софтвер, машине и разне друге производе. ђак ћерка џеп љубав њива`,
  fa: `و در به از که این را با است برای آن یک خود تا کرد بر هم نیز می شود سلام ممنون لطفا
گارانتی محصول چقدر است نزدیک ترین شعبه کجاست گوشی من کار نمی کند می خواهم با یک نفر صحبت کنم
پشتیبانی پس از فروش، که گاهی اوقات خدمات پس از فروش نامیده می شود، هرگونه خدماتی است که پس از
خرید محصول توسط مشتری ارائه می شود. چنین پشتیبانی پس از فروش ممکن است با خرید یک کالا رایگان باشد`,
  el: `και το η ο να του της σε με για που είναι τα τη δεν θα από στο στην ένα μια γεια σας ευχαριστώ
παρακαλώ πόσο διαρκεί η εγγύηση πού είναι το πλησιέστερο κατάστημα το τηλέφωνό μου δεν λειτουργεί
Η υπηρεσία μετά την πώληση είναι ένας όρος που χρησιμοποιείται για να περιγράψει τις διάφορες μορφές
υποστήριξης και υπηρεσιών που παρέχονται στους καταναλωτές μετά την αγορά.`,
  ta: `ஒரு மற்றும் இந்த அந்த என்ன எப்படி எங்கே எனக்கு உதவி வேண்டும் நன்றி வணக்கம் உத்தரவாதம்
எவ்வளவு காலம் அருகிலுள்ள கிளை எங்கே என் தொலைபேசி வேலை செய்யவில்லை ஒரு வாடிக்கையாளர் ஒரு பொருளை
வாங்கிய பிறகு வழங்கப்படும் எந்தவொரு சேவையும் விற்பனைக்குப் பின் சேவை என்று அழைக்கப்படுகிறது.`,
  // Languages we are often asked in but that are not shipped: recognised so the bot can say so.
  de: `der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war haben
nur oder aber vor zur bis mehr durch man sein wurde sei ich möchte mein Handy funktioniert nicht wie
lange ist die Garantie wo ist die nächste Filiale können Sie mir helfen ich will mit einem Menschen
sprechen Bestellung kaputt zurückgeben Rückerstattung Öffnungszeiten schön größer Straße über`,
  fr: `le de un à être et en avoir que pour dans ce il qui ne sur se pas plus pouvoir par je avec
tout faire son mettre autre on mais nous comme ou si leur y dire elle devoir avant deux même prendre
aussi celui donner bien où fois vous encore nouveau aller cela entre premier bonjour merci mon
téléphone ne marche pas combien de temps dure la garantie où est la boutique la plus proche je
voudrais parler à quelqu'un commande cassée remboursement heures d'ouverture est-ce que c'est`,
  es: `el la de que y a en un ser se no haber por con su para como estar tener le lo todo pero más
hacer o poder decir este ir otro ese si me ya ver porque dar cuando él muy sin vez mucho saber qué
sobre mi alguno mismo yo también hasta año dos querer entre así hola gracias por favor mi teléfono
no funciona cuánto dura la garantía dónde está la tienda más cercana quiero hablar con una persona
pedido roto devolución reembolso horario de apertura necesito ayuda`,
  it: `il di che e la a per un in è non una sono mi si con ho lo ma le ha cosa da come io ti questo
bene qui del della gli se ci sei era mio solo anche lui più perché tutto quando dove ciao grazie per
favore il mio telefono non funziona quanto dura la garanzia dov'è il negozio più vicino vorrei parlare
con una persona ordine rotto rimborso orari di apertura ho bisogno di aiuto`,
  pt: `de a o que e do da em um para é com não uma os no se na por mais as dos como mas foi ao ele
das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela até isso ela entre era
olá obrigado por favor meu telefone não funciona quanto tempo dura a garantia onde fica a loja mais
próxima quero falar com uma pessoa pedido quebrado devolução reembolso horário preciso de ajuda`,
  nl: `de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar om
hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar naar heb
hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al hallo dank je wel
mijn telefoon werkt niet hoe lang is de garantie waar is de dichtstbijzijnde winkel ik wil met iemand
praten bestelling kapot terugsturen terugbetaling openingstijden`,
  tr: `bir ve bu da de için ile ne çok daha gibi ama en o ben sen var yok mi mı mu değil kadar
sonra olarak olan her şey merhaba teşekkürler lütfen telefonum çalışmıyor garanti ne kadar sürer en
yakın şube nerede bir kişiyle konuşmak istiyorum siparişim bozuk iade para iadesi çalışma saatleri
yardıma ihtiyacım var ürün cihaz ğ ş ı`,
  id: `yang dan di itu dengan untuk tidak ini dari dalam akan pada juga saya ke karena tersebut bisa
ada mereka lebih kami sudah atau hanya oleh telah kita seperti halo terima kasih tolong ponsel saya
tidak berfungsi berapa lama garansinya di mana cabang terdekat saya ingin berbicara dengan seseorang
pesanan rusak pengembalian dana jam buka saya butuh bantuan`,
  pl: `i w nie na się z że do to jest jak o co ale po tak za od jego już tylko czy ja mnie mi być
dzień dobry dziękuję proszę mój telefon nie działa jak długo trwa gwarancja gdzie jest najbliższy
oddział chcę porozmawiać z człowiekiem zamówienie zepsute zwrot pieniędzy godziny otwarcia
potrzebuję pomocy ą ę ł ń ó ś ź ż`,
  ru: `и в не на я что он с как а то все она так его но да ты к у же вы за бы по только её мне
было вот от меня ещё нет о из ему здравствуйте спасибо пожалуйста мой телефон не работает сколько
длится гарантия где ближайший филиал я хочу поговорить с человеком заказ сломан возврат денег`,
  ar: `في من على أن إلى هذا التي الذي مع عن كان ما لا هو هي كل قد بين مرحبا شكرا من فضلك هاتفي
لا يعمل كم مدة الضمان أين أقرب فرع أريد التحدث مع شخص الطلب مكسور استرداد المال ساعات العمل
المنتج الجهاز الخدمة الشركة`,
};

/**
 * Greetings and one-word openers that name their language on their own, as customers type them
 * (with or without accents, Finglish "salam" for Persian). A short message is too short for the
 * trigram model ("hi" looks Vietnamese to it), so these are looked up whole first. A phrase listed
 * for two languages decides nothing.
 */
export const SHORT_PHRASES: Readonly<Record<string, readonly string[]>> = {
  en: ['hi', 'hello', 'hey', 'hi there', 'good morning', 'thanks', 'thank you', 'help', 'bye'],
  fa: ['سلام', 'درود', 'مرسی', 'ممنون', 'salam', 'salaam', 'dorood', 'mamnoon', 'merci'],
  vi: ['chào', 'xin chào', 'chào bạn', 'chao', 'xin chao', 'alo', 'cảm ơn', 'cam on'],
  el: ['γεια', 'γεια σας', 'γεια σου', 'καλημέρα', 'ευχαριστώ', 'geia', 'yia sou', 'kalimera'],
  sr: [
    'здраво',
    'ћао',
    'поздрав',
    'хвала',
    'zdravo',
    'ćao',
    'cao',
    'pozdrav',
    'hvala',
    'dobar dan',
  ],
  ta: ['வணக்கம்', 'நன்றி', 'vanakkam', 'nandri'],
};
