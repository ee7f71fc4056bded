"""The standing pages a new site starts with: the Comment Policy and About, in all seven editions.

Every page links the Comment Policy and About pages (the footer, the comment form), so `migrate`
creates them (pages/migrations/0002; 0003 adds the editions 0002 had no words for, on a site
made before): editors rewrite them in the back office. `[clauses]` on a line of its own in the
Comment Policy is where the policy's clauses are listed, from the clauses moderators cite
(serai.moderation), with their version and date.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMENT_POLICY_SLUG = "comment-policy"
ABOUT_SLUG = "about"
CLAUSES_MARKER = "[clauses]"


@dataclass(frozen=True)
class DefaultPage:
    slug: str
    language: str
    title: str
    body: str


DEFAULT_PAGES = (
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="en",
        title="Comment Policy",
        body="""\
Comments are open under most of our articles. We want them to be a place where readers add what \
they know, ask questions and disagree with each other usefully. These rules apply to every \
comment, in every edition.

## The rules

[clauses]

## How moderation works

Moderators read comments before they appear, or soon after. When a moderator rejects or removes \
a comment, they cite the clause it broke, so that you know why. You can change your comment and \
send it again.

If you think a decision was wrong, write to the editors through [our About page](/en/pages/about/).

We may update this policy. Each change is published as a new version, with the date it took \
effect; a decision cites the version in force when it was taken.
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="ru",
        title="Правила комментирования",
        body="""\
Под большинством наших статей открыты комментарии. Мы хотим, чтобы читатели делились тем, что \
знают, задавали вопросы и спорили друг с другом с пользой. Эти правила действуют для всех \
комментариев во всех изданиях.

## Правила

[clauses]

## Как работает модерация

Модераторы читают комментарии до или вскоре после публикации. Отклоняя или удаляя комментарий, \
модератор указывает нарушенный пункт правил, чтобы вы знали причину. Вы можете исправить \
комментарий и отправить его снова.

Если вы считаете решение ошибочным, напишите редакции через [страницу «О нас»](/ru/pages/about/).

Мы можем обновлять эти правила. Каждое изменение публикуется как новая редакция с датой \
вступления в силу; решение модератора ссылается на редакцию, действовавшую в момент решения.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="en",
        title="About us",
        body="""\
We publish news and host a conversation under our articles. Readers may comment under the rules \
of our [Comment Policy](/en/pages/comment-policy/).

This page is where the newsroom says who it is, how to reach it and how it corrects mistakes. \
Editors change it in the back office, under Pages.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="ru",
        title="О нас",
        body="""\
Мы публикуем новости и ведём обсуждение под нашими статьями. Читатели могут комментировать по \
[правилам комментирования](/ru/pages/comment-policy/).

На этой странице редакция рассказывает, кто она, как с ней связаться и как она исправляет \
ошибки. Редакторы меняют её в панели управления, в разделе «Страницы».
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="kk",
        title="Пікір қалдыру ережелері",
        body="""\
Мақалаларымыздың көбінің астында пікір қалдыруға болады. Біз мұнда оқырмандар білгенімен \
бөлісіп, сұрақ қойып, бір-бірімен пайдалы түрде пікір таластырғанын қалаймыз. Бұл ережелер \
барлық тілдік нұсқалардағы әрбір пікірге қатысты.

## Ережелер

[clauses]

## Модерация қалай жүреді

Модераторлар пікірлерді жарияланбай тұрып немесе жарияланғаннан кейін көп ұзамай оқиды. \
Модератор пікірді қабылдамаса немесе өшірсе, ол бұзылған тармақты көрсетеді, сонда себебін \
білесіз. Пікіріңізді түзетіп, қайта жібере аласыз.

Шешім қате деп ойласаңыз, редакцияға [«Біз туралы» беті](/kk/pages/about/) арқылы жазыңыз.

Бұл ережелерді жаңартып отыруымыз мүмкін. Әр өзгеріс күшіне енген күні көрсетілген жаңа нұсқа \
ретінде жарияланады; модератордың шешімі сол кезде күшінде болған нұсқаға сілтеме жасайды.
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="ky",
        title="Пикир калтыруу эрежелери",
        body="""\
Макалаларыбыздын көбүнүн астында пикир калтырууга болот. Биз бул жерде окурмандар билгени \
менен бөлүшүп, суроо берип, бири-бири менен пайдалуу талашышын каалайбыз. Бул эрежелер бардык \
тил версияларындагы ар бир пикирге тиешелүү.

## Эрежелер

[clauses]

## Модерация кантип иштейт

Модераторлор пикирлерди жарыяланганга чейин же жарыялангандан кийин көп өтпөй окушат. \
Модератор пикирди четке какса же өчүрсө, бузулган пунктту көрсөтөт, ошондо себебин билесиз. \
Пикириңизди оңдоп, кайра жөнөтө аласыз.

Чечим туура эмес деп ойлосоңуз, редакцияга [«Биз жөнүндө» барагы](/ky/pages/about/) аркылуу \
жазыңыз.

Бул эрежелерди жаңыртып турушубуз мүмкүн. Ар бир өзгөртүү күчүнө кирген күнү көрсөтүлгөн жаңы \
версия катары жарыяланат; модератордун чечими ошол учурда күчүндө болгон версияга шилтеме берет.
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="tg",
        title="Қоидаҳои шарҳнависӣ",
        body="""\
Зери аксари мақолаҳои мо шарҳ навиштан мумкин аст. Мо мехоҳем, ки дар ин ҷо хонандагон \
донистаҳои худро нақл кунанд, савол диҳанд ва бо ҳамдигар судманд баҳс кунанд. Ин қоидаҳо ба \
ҳар як шарҳ дар ҳамаи нусхаҳо дахл доранд.

## Қоидаҳо

[clauses]

## Модератсия чӣ тавр кор мекунад

Модераторон шарҳҳоро пеш аз нашр ё чанде пас аз он мехонанд. Вақте ки модератор шарҳеро рад \
мекунад ё нест мекунад, бандеро, ки вайрон шудааст, нишон медиҳад, то шумо сабабашро донед. \
Шумо метавонед шарҳи худро ислоҳ карда, аз нав фиристед.

Агар фикр кунед, ки қарор нодуруст буд, ба идора тавассути [саҳифаи «Дар бораи мо»](/tg/pages/about/) \
нависед.

Мо метавонем ин қоидаҳоро нав кунем. Ҳар тағйирот ҳамчун таҳрири нав бо санаи эътибор пайдо \
карданаш нашр мешавад; қарори модератор ба таҳрире ишора мекунад, ки ҳангоми қабули он амал мекард.
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="tk",
        title="Teswir düzgünleri",
        body="""\
Makalalarymyzyň köpüsiniň aşagynda teswir ýazyp bolýar. Biz okyjylaryň bu ýerde bilýänlerini \
paýlaşmagyny, sorag bermegini we biri-biri bilen peýdaly jedelleşmegini isleýäris. Bu düzgünler \
ähli neşirlerdäki her bir teswire degişlidir.

## Düzgünler

[clauses]

## Moderasiýa nähili işleýär

Moderatorlar teswirleri çap edilmezden öň ýa-da çap edilenden biraz soň okaýarlar. Moderator \
teswiri ret etse ýa-da aýyrsa, bozulan bendi görkezýär, şonda sebäbini bilersiňiz. Teswiriňizi \
düzedip, täzeden iberip bilersiňiz.

Eger karar nädogry diýip pikir etseňiz, redaksiýa [«Biz barada» sahypasy](/tk/pages/about/) \
arkaly ýazyň.

Biz bu düzgünleri täzeläp bileris. Her bir üýtgeşme güýje giren senesi bilen täze wersiýa \
hökmünde çap edilýär; moderatoryň karary şol wagt güýjünde bolan wersiýa salgylanýar.
""",
    ),
    DefaultPage(
        slug=COMMENT_POLICY_SLUG,
        language="uz",
        title="Izoh qoldirish qoidalari",
        body="""\
Maqolalarimizning aksariyati ostida izoh qoldirish mumkin. Biz bu yerda oʻquvchilar bilganlarini \
baham koʻrishlari, savol berishlari va bir-birlari bilan foydali bahslashishlarini istaymiz. Bu \
qoidalar barcha nashrlardagi har bir izohga tegishli.

## Qoidalar

[clauses]

## Moderatsiya qanday ishlaydi

Moderatorlar izohlarni eʼlon qilinishidan oldin yoki birozdan keyin oʻqiydi. Moderator izohni \
rad etsa yoki oʻchirsa, buzilgan bandni koʻrsatadi, shunda sababini bilasiz. Izohingizni \
tuzatib, qayta yuborishingiz mumkin.

Agar qaror notoʻgʻri deb hisoblasangiz, tahririyatga [«Biz haqimizda» sahifasi](/uz/pages/about/) \
orqali yozing.

Biz bu qoidalarni yangilab borishimiz mumkin. Har bir oʻzgarish kuchga kirgan sanasi bilan yangi \
tahrir sifatida eʼlon qilinadi; moderator qarori oʻsha paytda amalda boʻlgan tahrirga tayanadi.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="kk",
        title="Біз туралы",
        body="""\
Біз жаңалықтар жариялаймыз және мақалаларымыздың астында оқырмандармен әңгіме жүргіземіз. \
Оқырмандар [пікір қалдыру ережелері](/kk/pages/comment-policy/) бойынша пікір жаза алады.

Бұл бетте редакция өзінің кім екенін, онымен қалай байланысуға болатынын және қателерін қалай \
түзететінін айтады. Редакторлар бұл бетті басқару панеліндегі «Беттер» бөлімінде өзгертеді.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="ky",
        title="Биз жөнүндө",
        body="""\
Биз жаңылыктарды жарыялайбыз жана макалаларыбыздын астында окурмандар менен баарлашабыз. \
Окурмандар [пикир калтыруу эрежелерине](/ky/pages/comment-policy/) ылайык пикир жаза алышат.

Бул баракта редакция өзү ким экенин, аны менен кантип байланышууга болорун жана каталарын \
кантип оңдоорун айтат. Редакторлор бул баракты башкаруу панелиндеги «Барактар» бөлүмүндө \
өзгөртүшөт.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="tg",
        title="Дар бораи мо",
        body="""\
Мо хабарҳо нашр мекунем ва зери мақолаҳоямон бо хонандагон гуфтугӯ мебарем. Хонандагон \
метавонанд мувофиқи [қоидаҳои шарҳнависӣ](/tg/pages/comment-policy/) шарҳ нависанд.

Дар ин саҳифа идора мегӯяд, ки кист, бо он чӣ тавр тамос гирифтан мумкин аст ва хатоҳояшро чӣ \
тавр ислоҳ мекунад. Муҳаррирон ин саҳифаро дар панели идоракунӣ, дар бахши «Саҳифаҳо» иваз \
мекунанд.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="tk",
        title="Biz barada",
        body="""\
Biz habarlary çap edýäris we makalalarymyzyň aşagynda okyjylar bilen söhbetdeşlik alyp \
barýarys. Okyjylar [teswir düzgünlerine](/tk/pages/comment-policy/) laýyklykda teswir ýazyp \
bilerler.

Bu sahypada redaksiýa özüniň kimdigini, onuň bilen nähili habarlaşyp bolýandygyny we \
ýalňyşlaryny nähili düzedýändigini aýdýar. Redaktorlar bu sahypany dolandyryş panelinde, \
«Sahypalar» bölüminde üýtgedýärler.
""",
    ),
    DefaultPage(
        slug=ABOUT_SLUG,
        language="uz",
        title="Biz haqimizda",
        body="""\
Biz yangiliklarni eʼlon qilamiz va maqolalarimiz ostida oʻquvchilar bilan suhbat olib boramiz. \
Oʻquvchilar [izoh qoldirish qoidalariga](/uz/pages/comment-policy/) muvofiq izoh yozishlari \
mumkin.

Bu sahifada tahririyat oʻzi kimligini, u bilan qanday bogʻlanish mumkinligini va xatolarini \
qanday tuzatishini aytadi. Muharrirlar bu sahifani boshqaruv panelida, «Sahifalar» boʻlimida \
oʻzgartiradi.
""",
    ),
)


def is_untouched(page) -> bool:
    """Whether a page still reads as a fresh install wrote it (no editor has changed it)."""
    return any(
        d.slug == page.slug and d.language == page.language and d.body == page.body and d.title == page.title
        for d in DEFAULT_PAGES
    )
