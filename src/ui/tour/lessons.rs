//! The chapter-1 tour's lesson texts: markdown in `content/`, rendered to HTML at build time by
//! `build.rs`, which also takes each lesson's Python/Rust code pair out of the text.

/// One concept of the tour, as written in its markdown file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lesson {
    /// Which lesson: the page lives at `/learn/<slug>`.
    pub slug: Slug,
    /// The tutorial's chapter it teaches (1–9): chapter 1 has six pages, the others one each.
    pub chapter: u8,
    /// The heading.
    pub title: &'static str,
    /// One line for the tour map.
    pub summary: &'static str,
    /// The lesson text, rendered to HTML (without the code pair).
    pub body_html: &'static str,
    /// The Python asyncio snippet.
    pub python: &'static str,
    /// The equivalent Rust.
    pub rust: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// Every lesson, in tour order.
pub fn all() -> &'static [Lesson] {
    &LESSONS
}

/// The lessons of chapter `n`, in tour order.
pub fn of_chapter(n: u8) -> impl Iterator<Item = &'static Lesson> {
    LESSONS.iter().filter(move |l| l.chapter == n)
}

/// The lesson `slug` and its 0-based position.
pub fn find(slug: Slug) -> (usize, &'static Lesson) {
    let i = slug as usize;
    (i, &LESSONS[i])
}

impl Slug {
    /// The tutorial's chapter this lesson teaches (1–9).
    pub fn chapter(self) -> u8 {
        find(self).1.chapter
    }
}

impl std::str::FromStr for Slug {
    type Err = ();
    fn from_str(s: &str) -> Result<Slug, ()> {
        Slug::ALL.into_iter().find(|l| l.as_str() == s).ok_or(())
    }
}

impl std::fmt::Display for Slug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_parses_with_its_code_pair_taken_out_of_the_text() {
        for l in all() {
            assert!(!l.title.is_empty() && !l.summary.is_empty(), "{:?}", l.slug);
            assert!(l.body_html.contains("<p>"), "{:?}", l.slug);
            assert!(!l.body_html.contains("language-python"), "{:?}: python left in the text", l.slug);
            assert!(!l.body_html.contains("language-rust"), "{:?}: rust left in the text", l.slug);
            assert!(l.python.lines().count() > 3 && l.rust.lines().count() > 3, "{:?}", l.slug);
        }
    }

    #[test]
    fn every_slug_finds_its_own_lesson_and_reads_back_from_its_url() {
        for slug in Slug::ALL {
            assert_eq!(find(slug).1.slug, slug);
            assert_eq!(slug.as_str().parse::<Slug>(), Ok(slug));
        }
        assert_eq!(Slug::ThreadVsProcess.to_string(), "thread-vs-process");
        assert!("no-such-lesson".parse::<Slug>().is_err());
    }

    #[test]
    fn the_tour_has_six_pages_for_chapter_1_then_one_per_chapter_in_order() {
        assert_eq!(of_chapter(1).count(), 6);
        for n in 2..=9 {
            assert_eq!(of_chapter(n).count(), 1, "chapter {n}");
        }
        let chapters: Vec<u8> = all().iter().map(|l| l.chapter).collect();
        assert!(chapters.windows(2).all(|w| w[0] <= w[1]), "{chapters:?}");
        // Every claim names a page of its own chapter.
        for c in engine::claims::all() {
            let slug: Slug = c.slug.parse().unwrap_or_else(|_| panic!("{}: no page {}", c.id, c.slug));
            assert_eq!(find(slug).1.chapter, c.chapter, "{}", c.id);
        }
    }

    /// Guards the correction of the tutorial: async is turn-taking, not simultaneous.
    #[test]
    fn the_first_lesson_says_tasks_take_turns() {
        let l = find(Slug::Nonblocking).1;
        assert!(l.body_html.contains("take turns"));
        assert!(find(Slug::ThreadVsProcess).1.body_html.contains("copied"));
        assert!(find(Slug::Gil).1.body_html.contains("only one thread runs Python code"));
    }
}
