#!/usr/bin/env python3
"""Generate data/reference/countries.tsv and data/reference/regions.tsv.

Input:
  * Debian's iso-codes package (apt-get install iso-codes):
      /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json and the
      ru and zh_CN translations of both (gettext catalogues iso_3166-1.mo,
      iso_3166-2.mo under /usr/share/locale).
  * data/reference/region_aliases.tsv (curated aliases of the regions).
  * The small curated tables below (usual short names, names of the Russian
    federal subjects, capitals, aliases of the countries that matter for
    China-Russia news).

After writing, the script checks countries.tsv, regions.tsv, region_aliases.tsv
and macro_regions.tsv: cell counts, unique ids, member ids, and that no alias
belongs to two ids.  It exits with status 1 on an error.

Python 3 standard library only.  Usage:
    python3 data/tools/gen_iso.py [--date YYYY-MM-DD] [--check-only]
"""

import argparse
import datetime
import gettext
import json
import os
import re
import subprocess
import sys
import unicodedata

ISO_JSON = "/usr/share/iso-codes/json"
LOCALE_DIR = "/usr/share/locale"

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.normpath(os.path.join(HERE, "..", "reference"))

# --------------------------------------------------------------------------
# Countries
# --------------------------------------------------------------------------

# Usual short English names where iso-codes' name (or common_name) is not
# the form news uses.  common_name is used first when iso-codes has one.
COUNTRY_NAME_EN = {
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "LA": "Laos",
    "TW": "Taiwan",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "FM": "Micronesia",
    "PS": "Palestine",
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "BN": "Brunei",
    "VA": "Vatican City",
    "FK": "Falkland Islands",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
    "MF": "Saint Martin",
    "SX": "Sint Maarten",
}

# Russian names where the translation is missing, official-only or not the
# usual nominative form.
COUNTRY_NAME_RU = {
    "RU": "Россия",
    "US": "США",
    "GB": "Великобритания",
    "TR": "Турция",
    "LA": "Лаос",
    "SY": "Сирия",
    "BN": "Бруней",
    "VA": "Ватикан",
    "CF": "Центральноафриканская Республика",
    "DO": "Доминиканская Республика",
    "ZA": "Южно-Африканская Республика",
    "CD": "Демократическая Республика Конго",
    "CG": "Республика Конго",
    "PS": "Палестина",
}

# Simplified Chinese (mainland) names where the zh_CN translation differs
# from mainland usage or is a typo.
COUNTRY_NAME_ZH = {
    "MN": "蒙古国",
    "KH": "柬埔寨",
    "BO": "玻利维亚",
    "KG": "吉尔吉斯斯坦",
    "GT": "危地马拉",
    "BD": "孟加拉国",
    "VA": "梵蒂冈",
    "SM": "圣马力诺",
    "LC": "圣卢西亚",
    "BW": "博茨瓦纳",
    "CF": "中非共和国",
    "DM": "多米尼克",
    "CG": "刚果共和国",
    "CD": "刚果民主共和国",
}

# Translations in iso-codes that are typos, or forms too ambiguous to be an
# alias (中非 also means "China-Africa"); never used as names or aliases.
BAD_FORMS = {
    "柬埔塞", "柬埔塞王国", "波利维亚", "米尼克共和国", "吉尔吉斯坦", "中非",
}

# Curated aliases (in addition to iso-codes' names, official names and their
# translations).  No adjectives, but for "the Chinese side", "the Chinese
# delegation" and their kin: the press names a country's delegation so, and it
# stands for the country.
COUNTRY_ALIASES = {
    "CN": ["Китай", "КНР", "Китайская Народная Республика", "Поднебесная",
           "PRC", "P.R.C.", "People's Republic of China",
           "中华人民共和国", "中國", "中華人民共和國",
           "Chinese side", "китайская сторона", "中方",
           "Chinese delegation", "китайская делегация", "中国代表团", "中方代表团"],
    "RU": ["Russian Federation", "Россия", "РФ", "Российская Федерация",
           "俄罗斯", "俄罗斯联邦", "俄", "俄羅斯",
           "Russian side", "российская сторона", "俄方",
           "Russian delegation", "российская делегация", "俄罗斯代表团", "俄方代表团"],
    "MN": ["Монголия", "蒙古", "蒙古国"],
    "KZ": ["Kazakstan", "Republic of Kazakhstan", "Казахстан",
           "哈萨克斯坦"],
    "KP": ["DPRK", "D.P.R.K.", "Democratic People's Republic of Korea",
           "КНДР", "Северная Корея", "朝鲜", "北朝鲜", "北韩"],
    "KR": ["ROK", "Republic of Korea", "Южная Корея", "Республика Корея",
           "韩国", "大韩民国", "南韩", "南朝鲜"],
    "JP": ["Япония", "日本", "日本国"],
    "US": ["United States of America", "USA", "US", "U.S.", "U.S.A.",
           "США", "Соединённые Штаты", "Соединённые Штаты Америки",
           "美国", "美利坚合众国", "美國"],
    "BY": ["Belarus", "Беларусь", "Белоруссия", "Республика Беларусь",
           "白俄罗斯"],
    "KG": ["Kyrgyz Republic", "Киргизия", "Кыргызстан",
           "Республика Кыргызстан", "吉尔吉斯斯坦", "吉尔吉斯"],
    "UZ": ["Узбекистан", "乌兹别克斯坦"],
    "TJ": ["Таджикистан", "塔吉克斯坦"],
    "TM": ["Туркменистан", "Туркмения", "土库曼斯坦"],
    "IN": ["Индия", "印度"],
    "IR": ["Islamic Republic of Iran", "Иран", "ИРИ", "伊朗"],
    "VN": ["Viet Nam", "Socialist Republic of Vietnam", "Вьетнам", "СРВ",
           "越南"],
    "LA": ["Lao PDR", "Лаос", "老挝"],
    "MM": ["Burma", "Бирма"],
    "TR": ["Turkey", "Турция", "Турецкая Республика"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "DE": ["ФРГ"],
    "AE": ["UAE", "ОАЭ", "阿拉伯联合酋长国"],
    "ZA": ["ЮАР"],
    "CI": ["Ivory Coast"],
    "CD": ["DR Congo", "DRC", "ДР Конго", "ДРК"],
    "VA": ["Holy See", "Святой Престол"],
}

# --------------------------------------------------------------------------
# Regions
# --------------------------------------------------------------------------

KIND = {
    ("CN", "Province"): "province",
    ("CN", "Autonomous region"): "autonomous_region",
    ("CN", "Municipality"): "municipality",
    ("CN", "Special administrative region"): "sar",
    ("RU", "Republic"): "republic",
    ("RU", "Administrative territory"): "krai",
    ("RU", "Administrative region"): "oblast",
    ("RU", "Autonomous district"): "autonomous_okrug",
    ("RU", "Autonomous region"): "autonomous_oblast",
    ("RU", "Autonomous city"): "federal_city",
}

# CN: code -> (name_en, name_ru, name_zh fallback, capital slug).
# name_zh is taken from the iso_3166-2 zh_CN translation when it has one.
CN = {
    "CN-AH": ("Anhui", "Аньхой", "安徽省", "hefei"),
    "CN-BJ": ("Beijing", "Пекин", "北京市", "beijing"),
    "CN-CQ": ("Chongqing", "Чунцин", "重庆市", "chongqing"),
    "CN-FJ": ("Fujian", "Фуцзянь", "福建省", "fuzhou"),
    "CN-GD": ("Guangdong", "Гуандун", "广东省", "guangzhou"),
    "CN-GS": ("Gansu", "Ганьсу", "甘肃省", "lanzhou"),
    "CN-GX": ("Guangxi", "Гуанси-Чжуанский автономный район",
              "广西壮族自治区", "nanning"),
    "CN-GZ": ("Guizhou", "Гуйчжоу", "贵州省", "guiyang"),
    "CN-HA": ("Henan", "Хэнань", "河南省", "zhengzhou"),
    "CN-HB": ("Hubei", "Хубэй", "湖北省", "wuhan"),
    "CN-HE": ("Hebei", "Хэбэй", "河北省", "shijiazhuang"),
    "CN-HI": ("Hainan", "Хайнань", "海南省", "haikou"),
    "CN-HK": ("Hong Kong", "Гонконг", "香港特别行政区", "hong-kong"),
    "CN-HL": ("Heilongjiang", "Хэйлунцзян", "黑龙江省", "harbin"),
    "CN-HN": ("Hunan", "Хунань", "湖南省", "changsha"),
    "CN-JL": ("Jilin", "Цзилинь", "吉林省", "changchun"),
    "CN-JS": ("Jiangsu", "Цзянсу", "江苏省", "nanjing"),
    "CN-JX": ("Jiangxi", "Цзянси", "江西省", "nanchang"),
    "CN-LN": ("Liaoning", "Ляонин", "辽宁省", "shenyang"),
    "CN-MO": ("Macao", "Макао", "澳门特别行政区", "macau"),
    "CN-NM": ("Inner Mongolia", "Внутренняя Монголия", "内蒙古自治区",
              "hohhot"),
    "CN-NX": ("Ningxia", "Нинся-Хуэйский автономный район",
              "宁夏回族自治区", "yinchuan"),
    "CN-QH": ("Qinghai", "Цинхай", "青海省", "xining"),
    "CN-SC": ("Sichuan", "Сычуань", "四川省", "chengdu"),
    "CN-SD": ("Shandong", "Шаньдун", "山东省", "jinan"),
    "CN-SH": ("Shanghai", "Шанхай", "上海市", "shanghai"),
    "CN-SN": ("Shaanxi", "Шэньси", "陕西省", "xi-an"),
    "CN-SX": ("Shanxi", "Шаньси", "山西省", "taiyuan"),
    "CN-TJ": ("Tianjin", "Тяньцзинь", "天津市", "tianjin"),
    "CN-TW": ("Taiwan", "Тайвань", "台湾省", "taipei"),
    "CN-XJ": ("Xinjiang", "Синьцзян-Уйгурский автономный район",
              "新疆维吾尔自治区", "urumqi"),
    "CN-XZ": ("Tibet", "Тибетский автономный район", "西藏自治区", "lhasa"),
    "CN-YN": ("Yunnan", "Юньнань", "云南省", "kunming"),
    "CN-ZJ": ("Zhejiang", "Чжэцзян", "浙江省", "hangzhou"),
}

# RU: code -> (name_en, name_ru, name_zh, capital slug).  iso-codes gives
# romanised names ("Primorskij kraj"); its ru translation is used only as a
# cross-check (a differing form becomes an alias).
RU = {
    "RU-AD": ("Adygea", "Республика Адыгея", "阿迪格共和国", "maykop"),
    "RU-AL": ("Altai Republic", "Республика Алтай", "阿尔泰共和国",
              "gorno-altaysk"),
    "RU-ALT": ("Altai Krai", "Алтайский край", "阿尔泰边疆区", "barnaul"),
    "RU-AMU": ("Amur Oblast", "Амурская область", "阿穆尔州",
               "blagoveshchensk"),
    "RU-ARK": ("Arkhangelsk Oblast", "Архангельская область",
               "阿尔汉格尔斯克州", "arkhangelsk"),
    "RU-AST": ("Astrakhan Oblast", "Астраханская область", "阿斯特拉罕州",
               "astrakhan"),
    "RU-BA": ("Bashkortostan", "Республика Башкортостан",
              "巴什科尔托斯坦共和国", "ufa"),
    "RU-BEL": ("Belgorod Oblast", "Белгородская область", "别尔哥罗德州",
               "belgorod"),
    "RU-BRY": ("Bryansk Oblast", "Брянская область", "布良斯克州",
               "bryansk"),
    "RU-BU": ("Buryatia", "Республика Бурятия", "布里亚特共和国",
              "ulan-ude"),
    "RU-CE": ("Chechnya", "Чеченская Республика", "车臣共和国", "grozny"),
    "RU-CHE": ("Chelyabinsk Oblast", "Челябинская область", "车里雅宾斯克州",
               "chelyabinsk"),
    "RU-CHU": ("Chukotka Autonomous Okrug", "Чукотский автономный округ",
               "楚科奇自治区", "anadyr"),
    "RU-CU": ("Chuvashia", "Чувашская Республика", "楚瓦什共和国",
              "cheboksary"),
    "RU-DA": ("Dagestan", "Республика Дагестан", "达吉斯坦共和国",
              "makhachkala"),
    "RU-IN": ("Ingushetia", "Республика Ингушетия", "印古什共和国", "magas"),
    "RU-IRK": ("Irkutsk Oblast", "Иркутская область", "伊尔库茨克州",
               "irkutsk"),
    "RU-IVA": ("Ivanovo Oblast", "Ивановская область", "伊万诺沃州",
               "ivanovo"),
    "RU-KAM": ("Kamchatka Krai", "Камчатский край", "堪察加边疆区",
               "petropavlovsk-kamchatsky"),
    "RU-KB": ("Kabardino-Balkaria", "Кабардино-Балкарская Республика",
              "卡巴尔达-巴尔卡尔共和国", "nalchik"),
    "RU-KC": ("Karachay-Cherkessia", "Карачаево-Черкесская Республика",
              "卡拉恰伊-切尔克斯共和国", "cherkessk"),
    "RU-KDA": ("Krasnodar Krai", "Краснодарский край", "克拉斯诺达尔边疆区",
               "krasnodar"),
    "RU-KEM": ("Kemerovo Oblast", "Кемеровская область", "克麦罗沃州",
               "kemerovo"),
    "RU-KGD": ("Kaliningrad Oblast", "Калининградская область",
               "加里宁格勒州", "kaliningrad"),
    "RU-KGN": ("Kurgan Oblast", "Курганская область", "库尔干州", "kurgan"),
    "RU-KHA": ("Khabarovsk Krai", "Хабаровский край", "哈巴罗夫斯克边疆区",
               "khabarovsk"),
    "RU-KHM": ("Khanty-Mansi Autonomous Okrug",
               "Ханты-Мансийский автономный округ", "汉特-曼西自治区",
               "khanty-mansiysk"),
    "RU-KIR": ("Kirov Oblast", "Кировская область", "基洛夫州", "kirov"),
    "RU-KK": ("Khakassia", "Республика Хакасия", "哈卡斯共和国", "abakan"),
    "RU-KL": ("Kalmykia", "Республика Калмыкия", "卡尔梅克共和国", "elista"),
    "RU-KLU": ("Kaluga Oblast", "Калужская область", "卡卢加州", "kaluga"),
    "RU-KO": ("Komi Republic", "Республика Коми", "科米共和国", "syktyvkar"),
    "RU-KOS": ("Kostroma Oblast", "Костромская область", "科斯特罗马州",
               "kostroma"),
    "RU-KR": ("Karelia", "Республика Карелия", "卡累利阿共和国",
              "petrozavodsk"),
    "RU-KRS": ("Kursk Oblast", "Курская область", "库尔斯克州", "kursk"),
    "RU-KYA": ("Krasnoyarsk Krai", "Красноярский край",
               "克拉斯诺亚尔斯克边疆区", "krasnoyarsk"),
    "RU-LEN": ("Leningrad Oblast", "Ленинградская область", "列宁格勒州",
               "gatchina"),
    "RU-LIP": ("Lipetsk Oblast", "Липецкая область", "利佩茨克州", "lipetsk"),
    "RU-MAG": ("Magadan Oblast", "Магаданская область", "马加丹州",
               "magadan"),
    "RU-ME": ("Mari El", "Республика Марий Эл", "马里埃尔共和国",
              "yoshkar-ola"),
    "RU-MO": ("Mordovia", "Республика Мордовия", "莫尔多瓦共和国",
              "saransk"),
    "RU-MOS": ("Moscow Oblast", "Московская область", "莫斯科州",
               "krasnogorsk"),
    "RU-MOW": ("Moscow", "Москва", "莫斯科市", "moscow"),
    "RU-MUR": ("Murmansk Oblast", "Мурманская область", "摩尔曼斯克州",
               "murmansk"),
    "RU-NEN": ("Nenets Autonomous Okrug", "Ненецкий автономный округ",
               "涅涅茨自治区", "naryan-mar"),
    "RU-NGR": ("Novgorod Oblast", "Новгородская область", "诺夫哥罗德州",
               "veliky-novgorod"),
    "RU-NIZ": ("Nizhny Novgorod Oblast", "Нижегородская область",
               "下诺夫哥罗德州", "nizhny-novgorod"),
    "RU-NVS": ("Novosibirsk Oblast", "Новосибирская область", "新西伯利亚州",
               "novosibirsk"),
    "RU-OMS": ("Omsk Oblast", "Омская область", "鄂木斯克州", "omsk"),
    "RU-ORE": ("Orenburg Oblast", "Оренбургская область", "奥伦堡州",
               "orenburg"),
    "RU-ORL": ("Oryol Oblast", "Орловская область", "奥廖尔州", "oryol"),
    "RU-PER": ("Perm Krai", "Пермский край", "彼尔姆边疆区", "perm"),
    "RU-PNZ": ("Penza Oblast", "Пензенская область", "奔萨州", "penza"),
    "RU-PRI": ("Primorsky Krai", "Приморский край", "滨海边疆区",
               "vladivostok"),
    "RU-PSK": ("Pskov Oblast", "Псковская область", "普斯科夫州", "pskov"),
    "RU-ROS": ("Rostov Oblast", "Ростовская область", "罗斯托夫州",
               "rostov-on-don"),
    "RU-RYA": ("Ryazan Oblast", "Рязанская область", "梁赞州", "ryazan"),
    "RU-SA": ("Sakha Republic", "Республика Саха (Якутия)",
              "萨哈（雅库特）共和国", "yakutsk"),
    "RU-SAK": ("Sakhalin Oblast", "Сахалинская область", "萨哈林州",
               "yuzhno-sakhalinsk"),
    "RU-SAM": ("Samara Oblast", "Самарская область", "萨马拉州", "samara"),
    "RU-SAR": ("Saratov Oblast", "Саратовская область", "萨拉托夫州",
               "saratov"),
    "RU-SE": ("North Ossetia–Alania", "Республика Северная Осетия — Алания",
              "北奥塞梯-阿兰共和国", "vladikavkaz"),
    "RU-SMO": ("Smolensk Oblast", "Смоленская область", "斯摩棱斯克州",
               "smolensk"),
    "RU-SPE": ("Saint Petersburg", "Санкт-Петербург", "圣彼得堡市",
               "saint-petersburg"),
    "RU-STA": ("Stavropol Krai", "Ставропольский край", "斯塔夫罗波尔边疆区",
               "stavropol"),
    "RU-SVE": ("Sverdlovsk Oblast", "Свердловская область",
               "斯维尔德洛夫斯克州", "yekaterinburg"),
    "RU-TA": ("Tatarstan", "Республика Татарстан", "鞑靼斯坦共和国",
              "kazan"),
    "RU-TAM": ("Tambov Oblast", "Тамбовская область", "坦波夫州", "tambov"),
    "RU-TOM": ("Tomsk Oblast", "Томская область", "托木斯克州", "tomsk"),
    "RU-TUL": ("Tula Oblast", "Тульская область", "图拉州", "tula"),
    "RU-TVE": ("Tver Oblast", "Тверская область", "特维尔州", "tver"),
    "RU-TY": ("Tuva", "Республика Тыва", "图瓦共和国", "kyzyl"),
    "RU-TYU": ("Tyumen Oblast", "Тюменская область", "秋明州", "tyumen"),
    "RU-UD": ("Udmurtia", "Удмуртская Республика", "乌德穆尔特共和国",
              "izhevsk"),
    "RU-ULY": ("Ulyanovsk Oblast", "Ульяновская область", "乌里扬诺夫斯克州",
               "ulyanovsk"),
    "RU-VGG": ("Volgograd Oblast", "Волгоградская область", "伏尔加格勒州",
               "volgograd"),
    "RU-VLA": ("Vladimir Oblast", "Владимирская область", "弗拉基米尔州",
               "vladimir"),
    "RU-VLG": ("Vologda Oblast", "Вологодская область", "沃洛格达州",
               "vologda"),
    "RU-VOR": ("Voronezh Oblast", "Воронежская область", "沃罗涅日州",
               "voronezh"),
    "RU-YAN": ("Yamalo-Nenets Autonomous Okrug",
               "Ямало-Ненецкий автономный округ", "亚马尔-涅涅茨自治区",
               "salekhard"),
    "RU-YAR": ("Yaroslavl Oblast", "Ярославская область", "雅罗斯拉夫尔州",
               "yaroslavl"),
    "RU-YEV": ("Jewish Autonomous Oblast", "Еврейская автономная область",
               "犹太自治州", "birobidzhan"),
    "RU-ZAB": ("Zabaykalsky Krai", "Забайкальский край", "外贝加尔边疆区",
               "chita"),
}

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

CYR = re.compile(r"[\u0400-\u04FF]")
CJK = re.compile(r"[\u3400-\u9FFF]")


def clean(s):
    """Drop stress marks (U+0301) and tidy spaces."""
    if s is None:
        return None
    s = unicodedata.normalize("NFD", s).replace("\u0301", "")
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s).strip()


def key(s):
    """Comparison key of a name: case-folded, ё as е."""
    return clean(s).casefold().replace("ё", "е")


def iso_version():
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
            capture_output=True, text=True, check=True).stdout.strip()
        if out:
            return out
    except (OSError, subprocess.CalledProcessError):
        pass
    try:
        with open("/usr/share/pkgconfig/iso-codes.pc", encoding="utf-8") as f:
            for line in f:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


class Tr:
    """ru and zh_CN lookups in one iso-codes gettext domain."""

    def __init__(self, domain):
        self.ru = gettext.translation(domain, LOCALE_DIR, languages=["ru"])
        self.zh = gettext.translation(domain, LOCALE_DIR, languages=["zh_CN"])

    def get_ru(self, msg):
        if not msg:
            return None
        t = clean(self.ru.gettext(msg))
        return t if CYR.search(t) and t not in BAD_FORMS else None

    def get_zh(self, msg):
        if not msg:
            return None
        t = clean(self.zh.gettext(msg))
        return t if CJK.search(t) and t not in BAD_FORMS else None


def merge_aliases(names, candidates):
    """Unique aliases in order, without the row's names; a Russian form with
    ё also gets its е spelling."""
    taken = {n.casefold() for n in names if n}
    out = []
    for a in candidates:
        if not a:
            continue
        a = clean(a)
        if a in BAD_FORMS or "|" in a or "\t" in a:
            continue
        variants = [a]
        if "ё" in a or "Ё" in a:
            variants.append(a.replace("ё", "е").replace("Ё", "Е"))
        for v in variants:
            if v.casefold() not in taken:
                taken.add(v.casefold())
                out.append(v)
    return out


def cell(v):
    if v is None or v == "" or v == []:
        return "-"
    if isinstance(v, list):
        v = "|".join(v)
    assert "\t" not in v and "\n" not in v, v
    return v


def write_tsv(path, header_lines, columns, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for h in header_lines:
            f.write("# " + h + "\n")
        f.write("\t".join(columns) + "\n")
        for r in rows:
            assert len(r) == len(columns), r
            f.write("\t".join(cell(c) for c in r) + "\n")


def read_tsv(path):
    """-> (header comment lines, columns, rows as lists, problems)."""
    header, cols, rows, problems = [], None, [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if cols is None and line.startswith("#"):
                header.append(line)
                continue
            if cols is None:
                cols = line.split("\t")
                continue
            if not line.strip():
                problems.append("%s:%d: empty line" % (path, n))
                continue
            cells = line.split("\t")
            if len(cells) != len(cols):
                problems.append("%s:%d: %d cells, header has %d"
                                % (path, n, len(cells), len(cols)))
            if any(c == "" for c in cells):
                problems.append("%s:%d: empty cell (use -)" % (path, n))
            rows.append(cells)
    return header, cols, rows, problems


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------

def gen_countries(version, date):
    with open(os.path.join(ISO_JSON, "iso_3166-1.json"), encoding="utf-8") as f:
        data = json.load(f)["3166-1"]
    tr = Tr("iso_3166-1")
    rows = []
    for c in sorted(data, key=lambda c: c["alpha_2"]):
        code = c["alpha_2"]
        iso_name = clean(c["name"])
        common = clean(c.get("common_name"))
        official = clean(c.get("official_name"))

        name_en = COUNTRY_NAME_EN.get(code) or common or iso_name
        name_ru = (COUNTRY_NAME_RU.get(code) or tr.get_ru(c.get("common_name"))
                   or tr.get_ru(c["name"]))
        name_zh = (COUNTRY_NAME_ZH.get(code) or tr.get_zh(c.get("common_name"))
                   or tr.get_zh(c["name"]))
        if not name_ru or not name_zh:
            print("warning: %s lacks a ru or zh name" % code, file=sys.stderr)

        cands = list(COUNTRY_ALIASES.get(code, []))
        for en in (iso_name, common, official):
            if en and "," not in en:
                cands.append(re.sub(r"^the ", "", en))
        for msg in (c["name"], c.get("common_name"), c.get("official_name")):
            for t in (tr.get_ru(msg), tr.get_zh(msg)):
                if t and "," not in t:
                    cands.append(t)
        aliases = merge_aliases([name_en, name_ru, name_zh], cands)
        rows.append(["country:" + code, code, name_en, name_ru, name_zh,
                     aliases])

    header = [
        "countries.tsv: ISO 3166-1 countries and territories with English, "
        "Russian and Chinese names",
        "source: Debian iso-codes %s (iso_3166-1.json and its ru, zh_CN "
        "translations); aliases: curated by the Amur team" % version,
        "name_en: iso-codes common_name or name, usual short English forms by "
        "a curated override table; official names are aliases",
        "compiled: %s" % date,
        "generated by data/tools/gen_iso.py; do not edit by hand",
    ]
    cols = ["id", "code", "name_en", "name_ru", "name_zh", "aliases"]
    write_tsv(os.path.join(REF, "countries.tsv"), header, cols, rows)
    return rows


def load_region_aliases():
    path = os.path.join(REF, "region_aliases.tsv")
    _, cols, rows, problems = read_tsv(path)
    for p in problems:
        print("error: " + p, file=sys.stderr)
    assert cols == ["id", "aliases"], cols
    out = {}
    for r in rows:
        if r[0] in out:
            print("error: %s twice in region_aliases.tsv" % r[0],
                  file=sys.stderr)
        out[r[0]] = [] if r[1] == "-" else r[1].split("|")
    return out, bool(problems)


def gen_regions(version, date):
    with open(os.path.join(ISO_JSON, "iso_3166-2.json"), encoding="utf-8") as f:
        data = json.load(f)["3166-2"]
    tr = Tr("iso_3166-2")
    curated, bad = load_region_aliases()
    rows = []
    seen = set()
    for s in sorted(data, key=lambda s: s["code"]):
        code = s["code"]
        country = code[:2]
        if country not in ("CN", "RU") or s.get("parent"):
            continue
        seen.add(code)
        kind = KIND[(country, s["type"])]
        iso_ru = tr.get_ru(s["name"])
        iso_zh = tr.get_zh(s["name"])
        if country == "CN":
            name_en, name_ru, zh_fallback, capital = CN[code]
            name_zh = iso_zh or zh_fallback
            if iso_zh and iso_zh != zh_fallback:
                print("note: %s zh: iso-codes %s, table %s"
                      % (code, iso_zh, zh_fallback), file=sys.stderr)
        else:
            name_en, name_ru, name_zh, capital = RU[code]
            if iso_zh and iso_zh != name_zh:
                print("note: %s zh: iso-codes %s, table %s"
                      % (code, iso_zh, name_zh), file=sys.stderr)
        rid = "region:" + code
        if rid not in curated:
            print("warning: no aliases for %s in region_aliases.tsv" % rid,
                  file=sys.stderr)
        # translations of iso-codes that differ from the chosen names are
        # real forms too ("Гирин", "Республика Хакассия")
        cands = list(curated.get(rid, []))
        if kind not in ("municipality", "sar", "federal_city"):
            # a bare city name (莫斯科) belongs to the city in cities.tsv
            cands += [iso_ru, iso_zh]
        aliases = merge_aliases([name_en, name_ru, name_zh], cands)
        rows.append([rid, code, "country:" + country, kind, name_en, name_ru,
                     name_zh, aliases, "city:" + capital])

    missing = (set(CN) | set(RU)) - seen
    if missing:
        print("warning: in the tables but not in iso-codes: %s"
              % " ".join(sorted(missing)), file=sys.stderr)
    extra = set(curated) - {"region:" + c for c in seen}
    if extra:
        print("error: region_aliases.tsv ids not in iso-codes: %s"
              % " ".join(sorted(extra)), file=sys.stderr)
        bad = True

    n_cn = sum(1 for r in rows if r[1].startswith("CN-"))
    n_ru = len(rows) - n_cn
    header = [
        "regions.tsv: first-level subdivisions of China (%d provincial-level "
        "divisions) and Russia (%d federal subjects)" % (n_cn, n_ru),
        "source: Debian iso-codes %s (iso_3166-2.json codes and types, "
        "Chinese names from its zh_CN translation); English names, Russian "
        "names, Chinese names of Russian subjects and capitals: curated by "
        "the Amur team; aliases: region_aliases.tsv" % version,
        "note: RU rows are exactly the subjects iso-codes %s lists under RU; "
        "none added" % version,
        "compiled: %s" % date,
        "generated by data/tools/gen_iso.py; do not edit by hand",
    ]
    cols = ["id", "code", "country", "kind", "name_en", "name_ru", "name_zh",
            "aliases", "capital"]
    write_tsv(os.path.join(REF, "regions.tsv"), header, cols, rows)
    return rows, bad


# --------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------

NAME_COLS = ("name_en", "name_ru", "name_zh")


def check():
    errors, warnings = [], []
    files = ["countries.tsv", "regions.tsv", "region_aliases.tsv",
             "macro_regions.tsv"]
    tables = {}
    for fn in files:
        path = os.path.join(REF, fn)
        if not os.path.exists(path):
            errors.append("%s missing" % fn)
            continue
        header, cols, rows, problems = read_tsv(path)
        errors.extend(problems)
        if not any(h.startswith("# source:") for h in header):
            errors.append("%s: no '# source:' header line" % fn)
        ids = [r[0] for r in rows]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            errors.append("%s: duplicate ids %s" % (fn, sorted(dup)))
        tables[fn] = (cols, rows)
        print("%s: %d rows" % (fn, len(rows)))

    known = set()
    for fn in ("countries.tsv", "regions.tsv", "macro_regions.tsv"):
        if fn in tables:
            known |= {r[0] for r in tables[fn][1]}

    # macro-region members must exist
    if "macro_regions.tsv" in tables:
        cols, rows = tables["macro_regions.tsv"]
        mi = cols.index("members")
        for r in rows:
            if r[mi] == "-":
                continue
            for m in r[mi].split("|"):
                if m not in known:
                    errors.append("macro_regions.tsv: %s member %s unknown"
                                  % (r[0], m))

    # cities.tsv is not written here; when present it is read for the
    # capitals and for shared forms, reported as warnings only
    cities_path = os.path.join(REF, "cities.tsv")
    if os.path.exists(cities_path):
        _, ccols, crows, _ = read_tsv(cities_path)
        tables["cities.tsv"] = (ccols, crows)
        city_ids = {r[0] for r in crows}
        if "regions.tsv" in tables:
            cols, rows = tables["regions.tsv"]
            ci = cols.index("capital")
            for r in rows:
                if r[ci] != "-" and r[ci] not in city_ids:
                    warnings.append("regions.tsv: %s capital %s not in "
                                    "cities.tsv" % (r[0], r[ci]))

    # who uses each form (names and aliases) across the entity files
    users = {}
    for fn in ("countries.tsv", "regions.tsv", "macro_regions.tsv",
               "cities.tsv"):
        if fn not in tables:
            continue
        cols, rows = tables[fn]
        for r in rows:
            for c in NAME_COLS + ("aliases",):
                if c not in cols or r[cols.index(c)] == "-":
                    continue
                for form in r[cols.index(c)].split("|"):
                    what = "alias" if c == "aliases" else "name"
                    users.setdefault(key(form), []).append((r[0], what, form))
    for k, us in sorted(users.items()):
        ids = {u[0] for u in us}
        if len(ids) < 2:
            continue
        desc = "; ".join("%s %s %s" % u for u in us)
        if any(u[0].startswith("city:") for u in us):
            warnings.append("form shared with cities.tsv: " + desc)
        elif any(u[1] == "alias" for u in us):
            errors.append("form used by two ids: " + desc)
        else:
            warnings.append("name shared by two ids: " + desc)

    for w in warnings:
        print("warning: " + w)
    for e in errors:
        print("error: " + e)
    return not errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--date", default=datetime.date.today().isoformat(),
                    help="compilation date written in the headers")
    ap.add_argument("--check-only", action="store_true")
    args = ap.parse_args()
    ok = True
    if not args.check_only:
        version = iso_version()
        gen_countries(version, args.date)
        _, bad = gen_regions(version, args.date)
        ok = not bad
    ok = check() and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
