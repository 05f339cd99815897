package org.entente.funnel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FunnelApplication {

    public static void main(String[] args) {
        SpringApplication.run(FunnelApplication.class, args);
    }
}
