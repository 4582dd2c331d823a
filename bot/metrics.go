package bot

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the bot's Prometheus series, in a registry of its own (so tests and several bots in one process
// do not collide).
type metrics struct {
	reg       *prometheus.Registry
	questions *prometheus.CounterVec // by chat type
	answers   *prometheus.CounterVec // by mode and language
	refusals  *prometheus.CounterVec // by language
	errors    *prometheus.CounterVec // by kind
	latency   prometheus.Histogram   // seconds from taking a question to its reply sent
	sends     *prometheus.CounterVec // sendMessage calls by outcome
	feedback  *prometheus.CounterVec // 👍/👎 presses
	ignored   *prometheus.CounterVec // updates deliberately not answered, by reason
	webhook   *prometheus.CounterVec // webhook requests rejected, by reason
	inFlight  prometheus.Gauge       // answers being prepared
	queued    prometheus.Gauge       // questions waiting for a worker
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_questions_total",
			Help: "Questions taken, by chat type."}, []string{"chat_type"}),
		answers: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_answers_total",
			Help: "Answers sent, by mode and language."}, []string{"mode", "lang"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_refusals_total",
			Help: "Questions the sources do not cover, by language."}, []string{"lang"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_errors_total",
			Help: "Failures, by kind."}, []string{"kind"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "ccabot_answer_seconds",
			Help: "Time from taking a question to its reply sent.", Buckets: prometheus.ExponentialBuckets(0.005, 2, 14)}),
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_telegram_sends_total",
			Help: "sendMessage calls, by outcome."}, []string{"outcome"}),
		feedback: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_feedback_total",
			Help: "Feedback button presses, by vote."}, []string{"vote"}),
		ignored: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_updates_ignored_total",
			Help: "Updates deliberately not answered, by reason."}, []string{"reason"}),
		webhook: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "ccabot_webhook_rejected_total",
			Help: "Webhook requests rejected, by reason."}, []string{"reason"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "ccabot_answers_in_flight",
			Help: "Answers being prepared or sent."}),
		queued: prometheus.NewGauge(prometheus.GaugeOpts{Name: "ccabot_questions_queued",
			Help: "Questions waiting for a worker."}),
	}
	m.reg.MustRegister(m.questions, m.answers, m.refusals, m.errors, m.latency, m.sends, m.feedback, m.ignored,
		m.webhook, m.inFlight, m.queued, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// handler serves the metrics.
func (m *metrics) handler() http.Handler { return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}) }
