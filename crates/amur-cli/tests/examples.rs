//! The team's example articles extract into complete records.

use crate::util::*;

#[test]
fn examples_have_clean_metadata_and_text() {
    let out = amur(&examples(), &["extract", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert!(recs.len() >= 7, "{} records", recs.len());
    for r in &recs {
        let src = r["source"].as_str().unwrap();
        let text = r["text"].as_str().unwrap();
        assert!(r["title"].is_string(), "{src}: title");
        assert!(
            r["published"].as_str().is_some_and(|d| d.len() == 10),
            "{src}: published {}",
            r["published"]
        );
        for junk in [
            "Read also",
            "Related news",
            "Читайте также",
            "相关新闻",
            "相关阅读",
            "Share:",
            "Поделиться",
            "分享到",
            "Editor:",
            "责任编辑",
            "Автор:",
            "Все права защищены",
            "版权所有",
        ] {
            assert!(!text.contains(junk), "{src}: kept {junk:?}");
        }
        let lang = r["language"].as_str().unwrap();
        let expected = src.rsplit('/').next().unwrap().split('_').next().unwrap();
        eqnice!(expected, lang, src);
    }
}
