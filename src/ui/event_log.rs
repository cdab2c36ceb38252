//! The run's event log, the newest at the bottom as a terminal shows it.

use yew::prelude::*;

use crate::i18n::{earlier_events_hidden, tr, Lang, Text};

/// The event log shows this many of the latest events.
const EVENT_LOG_LINES: usize = 100;

/// The run's event log for the view: equal when it is the same run's log drawn at the same second
/// and length (`drawn`, [`crate::page::Slot::EventLog`]; the log only grows, and a seek back
/// shortens it). Paused, that is every change; playing, about twice a second of wall time, not on
/// every frame: a big rollout adds hundreds of lines a second, more than anyone reads while it
/// plays.
#[derive(Clone)]
pub struct LogHandle {
    pub log: crate::sim::eventlog::EventLog,
    pub run: u64,
    pub drawn: (usize, usize),
}

impl PartialEq for LogHandle {
    fn eq(&self, other: &Self) -> bool {
        (self.run, self.drawn) == (other.run, other.drawn)
    }
}

#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    pub lang: Lang,
    pub log: LogHandle,
}

#[function_component(EventLogView)]
pub fn event_log_view(props: &EventLogProps) -> Html {
    let (lang, events) = (props.lang, &props.log.log);
    let hidden = events.len().saturating_sub(EVENT_LOG_LINES);
    html! {
        <section class="event-log" data-testid="event-log" aria-label={tr(lang, Text::EventLog)}>
            <h2>{ tr(lang, Text::EventLog) }</h2>
            if events.is_empty() {
                <p>{ tr(lang, Text::NoEventsYet) }</p>
            } else {
                if hidden > 0 {
                    <p class="hidden-events">{ earlier_events_hidden(lang, hidden) }</p>
                }
                // Scrolled to the newest line (the newest at the bottom, as a terminal shows it).
                <div class="log-scroll" tabindex="0">
                    <ol start={(hidden + 1).to_string()}>
                        { for events.since(hidden).enumerate().map(|(i, e)| html! {
                            <li key={hidden + i}>{ crate::trace::line(e, lang) }</li>
                        }) }
                    </ol>
                </div>
            }
        </section>
    }
}
