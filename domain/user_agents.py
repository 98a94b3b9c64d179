"""Is a request from a web browser? Zou sets JWT cookies and logs a "web" login only for the browser
families Brave, Chrome, Chrome Mobile, Chrome Mobile iOS, Edge, Firefox, Mobile Safari, Opera, Safari and
Vivaldi (as ua-parser names them); everything else (scripts, gazu, Electron apps, in-app web views,
crawlers, other browsers) is a "script". A few regular expressions reproduce that decision for the user
agents that matter, without shipping a user-agent database."""
from __future__ import annotations

import re
from functools import lru_cache

# Products whose user agents also carry "Chrome/", "Safari/" or "Firefox/" but that ua-parser names
# otherwise: none of them gets cookies.
_NOT_A_LISTED_BROWSER = re.compile(
    r"Electron/|HeadlessChrome|Chromium/|SamsungBrowser|YaBrowser|UCBrowser|UCWEB|QQBrowser|MQQBrowser|"
    r"Whale/|MiuiBrowser|XiaoMi|HuaweiBrowser|HeyTapBrowser|OppoBrowser|VivoBrowser|DuckDuckGo/|Ddg/|Silk/|"
    r"Puffin|FBAN|FBAV|FB_IAB|Instagram|Line/|Snapchat|GSA/|OPT/|OPiOS|Opera Mini|Android.*OPR/|EdgA/|EdgiOS/|"
    r"Windows Phone|"
    r"FxiOS|Focus/|Klar/|SeaMonkey|PaleMoon|Iceweasel|IceCat|Thunderbird|Coc_Coc|coc_coc|"
    r"Avast/|AvastSecureBrowser|AVG/|AVG Secure|CCleaner|Maxthon|Sleipnir|Konqueror|Epiphany|Midori|Falkon|QtWebEngine|"
    r"NetFront|Dalvik|okhttp|Kindle|PlayStation|Nintendo|SMART-TV|SmartTV|Tizen|Web0S|CrKey|"
    r"PTST|Google-|Mediapartners|AdsBot|APIs-Google|"
    r"[Bb]ot\b|[Bb]ot/|[Cc]rawler|[Ss]pider|Slurp|facebookexternalhit|Twitterbot|"
    r"; wv\)|Version/[\d.]+ Chrome/"
)
_EDGE = re.compile(r"\bEdge?/\d")
_OPERA = re.compile(r"\bOPR/\d|^Opera/\d|\bOpera \d")
_VIVALDI = re.compile(r"\bVivaldi/\d")
_BRAVE = re.compile(r"\bBrave\b")
_CHROME_IOS = re.compile(r"\bCriOS/\d")
_CHROME = re.compile(r"\bChrome/\d")
_FIREFOX = re.compile(r"\bFirefox/\d")
_FIREFOX_MOBILE = re.compile(r"Android.*\b(Mobile|Tablet)\b.*Firefox/|\bMaemo\b|\bFennec/")
_SAFARI = re.compile(r"\bVersion/\d[\d.]* .*\bSafari/\d|\bVersion/\d[\d.]* Mobile/\w+ Safari/\d")
_APPLE_DEVICE = re.compile(r"\((Macintosh|iPhone|iPad|iPod)\b")


@lru_cache(maxsize=512)
def is_browser(user_agent: str | None) -> bool:
    ua = (user_agent or "").strip()
    if not ua.startswith(("Mozilla/", "Opera/")):
        return False
    if _NOT_A_LISTED_BROWSER.search(ua):
        return False
    if _EDGE.search(ua) or _OPERA.search(ua) or _VIVALDI.search(ua) or _BRAVE.search(ua):
        return True
    if _CHROME_IOS.search(ua) or _CHROME.search(ua):
        return True
    if _FIREFOX.search(ua):
        return not _FIREFOX_MOBILE.search(ua)
    return bool(_SAFARI.search(ua) and _APPLE_DEVICE.search(ua))
