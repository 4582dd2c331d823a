module ccabot

go 1.26.8

require (
	github.com/joho/godotenv v1.5.1
	github.com/kljensen/snowball v0.10.0
	github.com/philippgille/chromem-go v0.7.0
	golang.org/x/text v0.44.0
)

require (
	github.com/go-telegram/bot v1.19.0 // indirect
	github.com/prometheus/client_golang v1.25.0 // indirect
	github.com/sashabaranov/go-openai v1.43.0 // indirect
	golang.org/x/time v0.16.0 // indirect
)
