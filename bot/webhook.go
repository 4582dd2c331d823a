package bot

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/prometheus/client_golang/prometheus"

	"ccabot/config"
)

// maxWebhookBody bounds an update's size; Telegram's are a few KB.
const maxWebhookBody = 1 << 20

// secretHeader carries the webhook secret Telegram was given in setWebhook.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// startWebhook registers the webhook and serves it. Requests are checked before go-telegram sees them (its
// handler answers 200 to a wrong secret and reads any body): only POST, only with the right secret (constant-time
// compare, else 401, before any of the body is read), only JSON updates up to 1 MiB. Reads are bounded by
// WebhookTimeout and connections by WebhookMaxConns. stopped stops accepting requests, then stops the library's
// worker and waits for it.
func (b *Bot) startWebhook(ctx, intake context.Context, stopIntake func()) (stopped func(), err error) {
	ln, err := net.Listen("tcp", b.opts.WebhookListen)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", config.EnvWebhookListen, b.opts.WebhookListen, err)
	}
	_, err = b.tg.SetWebhook(ctx, &tgbot.SetWebhookParams{URL: b.opts.WebhookURL, SecretToken: b.opts.WebhookSecret,
		AllowedUpdates: allowedUpdates})
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("setWebhook (%s): %s", config.EnvWebhookURL, b.send.scrub(err))
	}
	t := b.opts.WebhookTimeout
	guard := newConnGuard(b.opts.WebhookMaxConns, t/10)
	srv := &http.Server{Handler: guard.handler(b.webhookHandler(b.tg.WebhookHandler())), ConnContext: guard.connContext,
		ConnState: guard.track, ReadHeaderTimeout: t, ReadTimeout: t, WriteTimeout: t + 30*time.Second, IdleTimeout: 6 * t}
	b.metrics.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ccabot_webhook_connections",
		Help: "Open webhook connections."}, func() float64 { return float64(guard.open()) }))
	go srv.Serve(ln)
	done := make(chan struct{})
	go func() { b.tg.StartWebhook(intake); close(done) }()
	go b.watchWebhook(intake, b.opts.WebhookCheckEvery)
	addr := ln.Addr().String()
	b.webhookAddr.Store(&addr)
	b.log.Info("webhook registered; serving updates", "listen", addr)
	return func() {
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut) // stop accepting; requests in progress finish and hand their update over
		stopIntake()
		<-done
	}, nil
}

// webhookHandler guards the library's webhook handler.
func (b *Bot) webhookHandler(next http.Handler) http.Handler {
	want := []byte(b.opts.WebhookSecret)
	reject := func(w http.ResponseWriter, code int, reason string) {
		b.metrics.webhook.WithLabelValues(reason).Inc()
		// Close the connection with the answer, and stop reading: otherwise net/http reads (up to 256 KB of) the
		// refused body before answering, then again before closing, so a client trickling it holds the connection.
		w.Header().Set("Connection", "close")
		http.NewResponseController(w).SetReadDeadline(time.Now())
		http.Error(w, http.StatusText(code), code)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			reject(w, http.StatusMethodNotAllowed, "method")
			return
		}
		if subtle.ConstantTimeCompare([]byte(r.Header.Get(secretHeader)), want) != 1 {
			reject(w, http.StatusUnauthorized, "secret")
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxWebhookBody))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			reject(w, http.StatusRequestEntityTooLarge, "size")
			return
		case err != nil:
			reject(w, http.StatusBadRequest, "read")
			return
		}
		var u models.Update
		if err := json.Unmarshal(body, &u); err != nil {
			reject(w, http.StatusBadRequest, "json")
			return
		}
		b.health.delivery()
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// confirmUpdates tells Telegram, on shutdown, that the updates handled so far are done (a getUpdates with the
// next offset), so a restart does not answer them again. go-telegram only confirms on its next poll.
func (b *Bot) confirmUpdates() {
	last := b.lastUpdate.Load()
	if last == 0 {
		return
	}
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	form.WriteField("offset", fmt.Sprint(last+1))
	form.WriteField("limit", "1")
	form.WriteField("timeout", "0")
	form.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	url := strings.TrimRight(b.opts.APIURL, "/") + "/bot" + b.opts.Token + "/getUpdates"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, &body)
	if err != nil {
		return
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := b.http.Do(req)
	if err != nil {
		b.log.Warn("could not confirm the last updates; a restart may answer some again", "err", b.send.scrub(err))
		return
	}
	resp.Body.Close()
}
